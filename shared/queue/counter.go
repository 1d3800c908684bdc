package queue

import (
	"strconv"
	"time"
)

func (e *Engine) counterConfig(id int) (CounterConfig, bool) {
	for _, c := range e.cfg.Counters {
		if c.ID == id {
			return c, true
		}
	}
	return CounterConfig{}, false
}

func (e *Engine) counterName(id int) string {
	if c, ok := e.counterConfig(id); ok && c.Name != "" {
		return c.Name
	}
	return "Quầy " + strconv.Itoa(id)
}

func (e *Engine) counterServices(id int) []string {
	c, _ := e.counterConfig(id)
	return c.Services
}

// CounterView returns counter id as clients see it.
func (e *Engine) CounterView(id int) Counter {
	cfg, _ := e.counterConfig(id)
	v := Counter{ID: id, Name: cfg.Name, Services: append([]string{}, cfg.Services...), Status: CounterClosed}
	c, ok := e.counters[id]
	if !ok {
		return v
	}
	v.Status = c.Status
	v.Clerk = OptString(c.Clerk)
	if cl, ok := e.cfg.Clerk(c.Clerk); ok {
		v.ClerkName = OptString(cl.Name)
	}
	if t, ok := e.tickets[c.Ticket]; ok {
		p := t.Public()
		v.Ticket = &p
	}
	return v
}

// Login signs clerk in at counter. The caller has checked the PIN. Signing
// in again at the same counter succeeds and changes nothing.
func (e *Engine) Login(now time.Time, counter int, username string) (Clerk, error) {
	cl, ok := e.cfg.Clerk(username)
	if !ok {
		return Clerk{}, Errorf(EUNAUTHORIZED, "Sai tên đăng nhập hoặc mã PIN")
	}
	c, ok := e.counters[counter]
	if !ok {
		return Clerk{}, Errorf(ENOTFOUND, "Không có quầy số %d", counter)
	}
	if at, ok := e.clerkAt[username]; ok && at != counter {
		return Clerk{}, Errorf(ECONFLICT, "%s đang đăng nhập tại %s; hãy đăng xuất ở đó trước", cl.Name, e.counterName(at))
	}
	if c.Clerk == username {
		return cl, nil
	}
	if c.Clerk != "" {
		other, _ := e.cfg.Clerk(c.Clerk)
		return Clerk{}, Errorf(ECONFLICT, "%s đang do %s đăng nhập; hãy đăng xuất trước", e.counterName(counter), other.Name)
	}
	c.Clerk = username
	c.Status = CounterOpen
	e.clerkAt[username] = counter
	e.saveCounter(c)
	e.counterEvent(now, c)
	return cl, nil
}

// Logout signs the clerk out of counter. A counter serving a ticket must
// finish it first.
func (e *Engine) Logout(now time.Time, counter int) error {
	c, ok := e.counters[counter]
	if !ok {
		return Errorf(ENOTFOUND, "Không có quầy số %d", counter)
	}
	if c.Clerk == "" {
		return Errorf(ECONFLICT, "%s chưa có công chức đăng nhập", e.counterName(counter))
	}
	if c.Ticket != "" {
		return Errorf(ECONFLICT, "%s đang phục vụ số %s; hãy hoàn thành trước khi đăng xuất",
			e.counterName(counter), e.tickets[c.Ticket].Number)
	}
	delete(e.clerkAt, c.Clerk)
	c.Clerk = ""
	c.Status = CounterClosed
	c.Streak = 0
	e.saveCounter(c)
	e.counterEvent(now, c)
	return nil
}

// Pause stops counter from calling until Resume.
func (e *Engine) Pause(now time.Time, counter int) (Counter, error) {
	return e.setStatus(now, counter, CounterOpen, CounterPaused)
}

// Resume lets a paused counter call again.
func (e *Engine) Resume(now time.Time, counter int) (Counter, error) {
	return e.setStatus(now, counter, CounterPaused, CounterOpen)
}

func (e *Engine) setStatus(now time.Time, counter int, from, to CounterStatus) (Counter, error) {
	c, ok := e.counters[counter]
	if !ok {
		return Counter{}, Errorf(ENOTFOUND, "Không có quầy số %d", counter)
	}
	switch {
	case c.Status == CounterClosed:
		return Counter{}, Errorf(ECONFLICT, "%s chưa có công chức đăng nhập", e.counterName(counter))
	case c.Status != from && to == CounterPaused:
		return Counter{}, Errorf(ECONFLICT, "%s đang tạm nghỉ", e.counterName(counter))
	case c.Status != from:
		return Counter{}, Errorf(ECONFLICT, "%s đang mở, không cần tiếp tục", e.counterName(counter))
	}
	c.Status = to
	e.saveCounter(c)
	e.counterEvent(now, c)
	return e.CounterView(counter), nil
}

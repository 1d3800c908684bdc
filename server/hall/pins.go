package hall

import (
	"strconv"
	"time"

	"hallq/server/throttle"
)

// PIN throttling at the counters: a clerk may type PINRule.Free wrong PINs
// at one counter device, then waits before each further try, longer each
// time; one device may fail DeviceRule.Free times over all usernames.
// Nothing is locked: the same clerk at another counter is not slowed by
// someone guessing at this one.
var (
	PINRule    = throttle.Rule{Free: 4, Base: time.Minute, Max: 10 * time.Minute, Window: 15 * time.Minute}
	DeviceRule = throttle.Rule{Free: 10, Base: time.Minute, Max: 10 * time.Minute, Window: 15 * time.Minute}
)

// pinGuard slows wrong PINs per (clerk, device) and per device. It is safe
// for concurrent use.
type pinGuard struct {
	clerk, device *throttle.Limiter
}

func newPinGuard(now func() time.Time) *pinGuard {
	return &pinGuard{clerk: throttle.New(PINRule, now), device: throttle.New(DeviceRule, now)}
}

func pinKey(username, device string) string { return username + "\x00" + device }

// wait returns how long username must wait at device before another try.
func (g *pinGuard) wait(username, device string) time.Duration {
	return max(g.clerk.Wait(pinKey(username, device)), g.device.Wait(device))
}

// fail records a wrong PIN (or unknown username) and returns the wait it
// brings.
func (g *pinGuard) fail(username, device string) time.Duration {
	return max(g.clerk.Fail(pinKey(username, device)), g.device.Fail(device))
}

// succeed forgets username's wrong PINs at device.
func (g *pinGuard) succeed(username, device string) {
	g.clerk.Succeed(pinKey(username, device))
}

// forget clears username's wrong PINs at every device and returns how many
// devices had some.
func (g *pinGuard) forget(username string) int {
	return g.clerk.ForgetPrefix(pinKey(username, ""))
}

// waitText says a wait in Vietnamese: "45 giây", "3 phút".
func waitText(d time.Duration) string {
	if d < time.Minute {
		return strconv.Itoa(int((d+time.Second-1)/time.Second)) + " giây"
	}
	return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " phút"
}

package app

import (
	"errors"
	"fmt"
	"time"

	"hallq/server/config"
	"hallq/server/fastclock"
)

// startFastClock puts the server on a fast clock when o.FastClock asks for
// one (-fast-clock: tests, demos and `server simulate`), from
// o.FastClockStart in the hall's time zone, and says so loudly: on it the
// hall's times, tickets, reports and daily jobs all run on a fake day.
//
// What follows the fast clock: everything the hall decides by its clock
// (opening hours, close and day turn, the rating window, wait and service
// alerts, supervisor sessions and the wrong-password slow-downs, pairing
// codes' 10 minutes, devices' "last seen") and the jobs. What does not:
// network timeouts (hello within 10 s, pings, HTTP limits), which are
// about the link, and the public page's hourly cache, which is about CPU.
func startFastClock(o *Options, cfg *config.Config) error {
	if o.FastClock == 0 {
		return nil
	}
	if err := fastclock.Check(o.FastClock); err != nil {
		return err
	}
	if !o.realClock {
		return errors.New("app: FastClock and Now exclude each other")
	}
	loc := cfg.Settings().Location
	start := time.Now().In(loc)
	if o.FastClockStart != "" {
		var err error
		if start, err = fastclock.ParseStart(o.FastClockStart, loc); err != nil {
			return err
		}
	}
	o.fast = fastclock.New(start, o.FastClock)
	o.Now = o.fast.Now
	o.realClock = false
	at := start.Format("2006-01-02 15:04:05 -07:00")
	o.Logger.Warn("FAST CLOCK: for tests and demos only", "speed", o.FastClock, "start", at)
	fmt.Fprintf(o.Stdout, "!!! CẢNH BÁO: ĐỒNG HỒ NHANH ×%g từ %s — chỉ để thử nghiệm và trình diễn, KHÔNG dùng cho sảnh thật: giờ, số, báo cáo và việc hằng ngày đều chạy theo đồng hồ giả này.\n"+
		"!!! WARNING: FAST CLOCK ×%g from %s — for tests and demos only, NEVER on a real hall: times, tickets, reports and the daily jobs all follow this fake clock.\n",
		o.FastClock, at, o.FastClock, at)
	return nil
}

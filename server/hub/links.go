package hub

import (
	"sort"
	"time"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// link is what the hub remembers of a device since the server started.
type link struct {
	role, version, remote string
	seen                  time.Time
}

// seen records that dev said hello (or left) now; it runs under no lock.
func (hb *Hub) seen(dev protocol.Device, version, remote string) {
	if dev.Role == protocol.RoleSupervisor {
		return
	}
	hb.mu.Lock()
	defer hb.mu.Unlock()
	l := hb.links[dev.ID]
	l.role, l.seen = dev.Role, hb.hall.Now()
	if version != "" || remote != "" {
		l.version, l.remote = version, remote
	}
	hb.links[dev.ID] = l
}

// Links returns every device seen since the server started, by id: its open
// connections, when it was last seen (now when connected) and the version
// its last hello gave.
func (hb *Hub) Links() []protocol.DeviceLink {
	hb.mu.Lock()
	defer hb.mu.Unlock()
	now := hb.hall.Now()
	open := map[string]int{}
	for c := range hb.conns {
		if id := c.deviceID(); id != "" && !c.super.Load() {
			open[id]++
		}
	}
	out := make([]protocol.DeviceLink, 0, len(hb.links))
	for id, l := range hb.links {
		d := protocol.DeviceLink{Device: id, Role: l.role, Conns: open[id], LastSeen: queue.At(l.seen), Version: l.version, Remote: l.remote}
		if d.Conns > 0 {
			d.LastSeen = queue.At(now)
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Device < out[j].Device })
	return out
}

// CloseDevice closes every open connection of device id at once (code
// 1008), for a revoked device, and returns how many it closed. Its token
// must already be gone from the configuration, so that it cannot say
// hello again.
func (hb *Hub) CloseDevice(id string) int {
	hb.mu.Lock()
	defer hb.mu.Unlock()
	n := 0
	for c := range hb.conns {
		if c.deviceID() == id && !c.super.Load() {
			c.refuse()
			n++
		}
	}
	if n > 0 {
		hb.log.Info("device connections closed", "device", id, "conns", n)
	}
	return n
}

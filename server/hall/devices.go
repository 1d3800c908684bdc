package hall

import (
	"encoding/json"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	"hallq/shared/protocol"
	"hallq/shared/queue"
)

// maxDetail bounds a device_status detail, in bytes.
const maxDetail = 300

// DeviceHealth is a device's latest report of one kind (protocol.DeviceHealth).
type DeviceHealth = protocol.DeviceHealth

// deviceBoard keeps the latest health per (device, kind) in memory: it is
// what the devices say now, so a restarted server learns it again when they
// reconnect and report. It is safe for concurrent use.
type deviceBoard struct {
	mu   sync.Mutex
	byID map[[2]string]DeviceHealth
}

func newDeviceBoard() *deviceBoard {
	return &deviceBoard{byID: map[[2]string]DeviceHealth{}}
}

// set records a report made at now and returns it with its last ok time.
func (b *deviceBoard) set(dev Device, in protocol.DeviceStatus, now time.Time) DeviceHealth {
	b.mu.Lock()
	defer b.mu.Unlock()
	key := [2]string{dev.ID, in.Kind}
	d := b.byID[key]
	d.Device, d.Role, d.Kind, d.OK, d.Detail, d.At = dev.ID, dev.Role, in.Kind, in.OK, in.Detail, queue.At(now)
	if in.OK {
		d.LastOK = d.At
	}
	b.byID[key] = d
	return d
}

func (b *deviceBoard) list() []DeviceHealth {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]DeviceHealth, 0, len(b.byID))
	for _, d := range b.byID {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Device != out[j].Device {
			return out[i].Device < out[j].Device
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// Devices returns the latest health of every device that reported, by
// device and kind.
func (h *Hall) Devices() []DeviceHealth { return h.devices.list() }

// deviceStatus runs device_status. It takes no hall lock and stores
// nothing on disk: a repeated report is harmless.
func (h *Hall) deviceStatus(dev Device, id string, data json.RawMessage) ([]byte, string) {
	var in protocol.DeviceStatus
	if err := decode(data, &in); err != nil {
		return ErrorFrame(id, err)
	}
	if in.Kind != protocol.DevicePrinter && in.Kind != protocol.DeviceSound {
		return ErrorFrame(id, queue.Errorf(queue.EBADREQUEST, "Loại thiết bị %q không hợp lệ (printer, sound)", in.Kind))
	}
	if len(in.Detail) > maxDetail {
		in.Detail = in.Detail[:maxDetail]
		for !utf8.ValidString(in.Detail) {
			in.Detail = in.Detail[:len(in.Detail)-1]
		}
	}
	d := h.devices.set(dev, in, h.now().In(h.snapshot().Location))
	h.metrics.DeviceStatus(d.Device, d.Kind, d.OK)
	if !d.OK {
		h.log.Warn("device problem", "device", d.Device, "kind", d.Kind, "detail", d.Detail)
	}
	return OKFrame(id, protocol.Empty{}), ""
}

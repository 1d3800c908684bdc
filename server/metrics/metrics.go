// Package metrics exposes the hall's Prometheus metrics (SPEC section 6).
// It is the only package that imports the Prometheus client library.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the hall's metrics in a registry of its own.
type Metrics struct {
	reg         *prometheus.Registry
	connections *prometheus.GaugeVec
	issued      *prometheus.CounterVec
	events      prometheus.Counter
	commands    *prometheus.HistogramVec
	results     *prometheus.CounterVec
	devices     *prometheus.GaugeVec
}

// Roles whose connection gauges exist from the start, at 0.
var roles = []string{"kiosk", "counter", "display", "supervisor"}

// New returns the metrics, with a zero series for each role and service.
func New(services []string) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		connections: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "hall_connections", Help: "Authenticated websocket connections now, by role.",
		}, []string{"role"}),
		issued: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hall_tickets_issued_total", Help: "Tickets issued since the server started, by service.",
		}, []string{"service"}),
		events: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hall_events_total", Help: "Events committed and broadcast since the server started.",
		}),
		commands: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "hall_command_seconds", Help: "Time to apply and commit a command, by type.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1},
		}, []string{"type"}),
		results: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hall_command_results_total", Help: "Commands by type and result (ok or error code).",
		}, []string{"type", "result"}),
		devices: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "hall_device_status", Help: "1 if the device's printer or sound works by its last device_status, 0 if not.",
		}, []string{"device", "kind"}),
	}
	m.reg.MustRegister(m.connections, m.issued, m.events, m.commands, m.results, m.devices,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range roles {
		m.connections.WithLabelValues(r)
	}
	for _, s := range services {
		m.issued.WithLabelValues(s)
	}
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Connected adds delta to the connections of role.
func (m *Metrics) Connected(role string, delta int) {
	m.connections.WithLabelValues(role).Add(float64(delta))
}

// Command records one command's duration and result.
func (m *Metrics) Command(typ, result string, d time.Duration) {
	m.commands.WithLabelValues(typ).Observe(d.Seconds())
	m.results.WithLabelValues(typ, result).Inc()
}

// TicketIssued counts one ticket of service.
func (m *Metrics) TicketIssued(service string) { m.issued.WithLabelValues(service).Inc() }

// Events counts n events.
func (m *Metrics) Events(n int) { m.events.Add(float64(n)) }

// DeviceStatus sets the health of a device's printer or sound. The
// devices come from the hall config, so the series are bounded.
func (m *Metrics) DeviceStatus(device, kind string, ok bool) {
	v := 0.0
	if ok {
		v = 1
	}
	m.devices.WithLabelValues(device, kind).Set(v)
}

// LinkLag is the province link's lag as /metrics shows it.
type LinkLag struct {
	// Pending counts the events the province has not acknowledged;
	// OldestAgeSeconds is the age of the oldest of them.
	Pending          float64
	OldestAgeSeconds float64
	// Down is set when the link has been down long enough for the live
	// page to say so.
	Down bool
}

// ProvinceLink adds the province link's gauges, read from lag at each
// scrape: hall_province_link_pending_events,
// hall_province_link_oldest_pending_seconds and hall_province_link_down.
func (m *Metrics) ProvinceLink(lag func() LinkLag) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hall_province_link_pending_events", Help: "Committed events the province service has not acknowledged.",
		}, func() float64 { return lag().Pending }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hall_province_link_oldest_pending_seconds", Help: "Age in seconds of the oldest event the province has not acknowledged (0 with none).",
		}, func() float64 { return lag().OldestAgeSeconds }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hall_province_link_down", Help: "1 when events are pending and the province has answered no batch for 10 minutes.",
		}, func() float64 {
			if lag().Down {
				return 1
			}
			return 0
		}),
	)
}

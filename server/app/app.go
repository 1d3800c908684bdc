// Package app wires the hall server's parts together: config, store, hall,
// hub, web, metrics and jobs. Command server and the end-to-end tests of the
// apps start the server through it.
package app

import (
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"hallq/server/config"
	"hallq/server/fastclock"
	"hallq/server/hall"
	"hallq/server/hub"
	"hallq/server/jobs"
	"hallq/server/metrics"
	"hallq/server/store"
	"hallq/server/web"
	"hallq/shared/version"
)

// Options are the server's flags (SPEC section 1) and outputs.
type Options struct {
	Addr   string // default ":8080"
	Data   string // default "./data"
	Config string // default Data/hall.toml
	Demo   bool
	// Init writes an empty hall with one admin account into a new data
	// folder, prints the admin's one-time password, then starts (-init).
	Init bool
	// TLS serves HTTPS and wss:// (-tls); TLSCert and TLSKey are the
	// hall's own certificate and key (-tls-cert, -tls-key), which also turn
	// TLS on. hall.toml's [tls] table can do the same.
	TLS             bool
	TLSCert, TLSKey string
	Logger          *slog.Logger
	Stdout          io.Writer // where -demo prints tokens and logins
	// Now is the clock (tests); nil is time.Now. With a test clock the
	// gocron jobs are not scheduled, since they would fire on the real
	// clock: tests call Hall.CloseDay, TurnDay and Backup themselves.
	Now func() time.Time
	// Ready, if set, is called by Run once the server listens: the
	// Windows service reports itself running then.
	Ready func()
	// FastClock, above 0, runs the server's clock that many times faster
	// than the real one from FastClockStart (-fast-clock; tests and demos
	// only, see fastclock.go): the daily jobs fire on it. Not with Now.
	FastClock float64
	// FastClockStart is where the fast clock starts, "2026-12-03T07:00"
	// in the hall's time zone (fastclock.ParseStart); empty is now.
	FastClockStart string
	// Link tunes the province link (tests); the defaults otherwise.
	Link LinkOptions

	realClock bool
	fast      *fastclock.Clock
	// readTimeout and idleTimeout replace ReadTimeout and IdleTimeout
	// (tests).
	readTimeout, idleTimeout time.Duration
}

// HTTP server limits: a request (headers and body) must arrive within
// ReadTimeout, so a body trickled a byte at a time is cut; a keep-alive
// connection idle for IdleTimeout is closed. Websockets set their own
// deadlines once upgraded. There is no write timeout: a slow download of a
// year's report is not an attack.
const (
	ReadTimeout    = 30 * time.Second
	IdleTimeout    = 60 * time.Second
	MaxHeaderBytes = 64 << 10
)

// Server is a started hall server.
type Server struct {
	Addr string // the address it listens on, e.g. 127.0.0.1:41234
	Hall *hall.Hall
	// CAPEM is the certificate clients trust (the hall's ca.pem), and
	// CAFingerprint its SHA-256; both empty without TLS.
	CAPEM         []byte
	CAFingerprint string

	srv  *http.Server
	hub  *hub.Hub
	jobs *jobs.Jobs
	st   *store.Store
	log  *slog.Logger
	errc chan error
	// demoChecked is closed when the demo-secrets check has finished.
	demoChecked chan struct{}
	// link is the province link, nil when off.
	link *provinceLink
}

// Run starts the server and blocks until ctx ends, then shuts it down.
func Run(ctx context.Context, o Options) error {
	s, err := Start(o)
	if err != nil {
		return err
	}
	if o.Ready != nil {
		o.Ready()
	}
	select {
	case err := <-s.errc:
		s.Close()
		return err
	case <-ctx.Done():
	}
	return s.Close()
}

func (o *Options) defaults() {
	o.realClock = o.Now == nil
	if o.Addr == "" {
		o.Addr = ":8080"
	}
	if o.Data == "" {
		o.Data = "./data"
	}
	if o.Config == "" {
		o.Config = filepath.Join(o.Data, "hall.toml")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// loadConfig writes the demo config if asked, then loads the config.
func loadConfig(o Options) (*config.Config, error) {
	if o.Demo {
		demo, err := config.WriteDemo(o.Config)
		if err != nil {
			return nil, fmt.Errorf("demo config: %w", err)
		}
		if demo != nil {
			fmt.Fprintf(o.Stdout, "Đã tạo cấu hình mẫu (demo config written): %s\n", o.Config)
			demo.Print(o.Stdout)
		}
	}
	cfg, err := config.Load(o.Config)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w (chạy với -demo để tạo cấu hình mẫu / run with -demo for a sample hall)", err)
	}
	return cfg, err
}

// warnDemoSecrets checks (off the start path: bcrypt is slow) whether any
// secret is still a published demo value, and if so says it in the log and
// on standard output and keeps the list for the pages' banner.
func warnDemoSecrets(cfg *config.Config, out *atomic.Pointer[[]string], o Options) {
	found := config.DemoSecretsInUse(cfg)
	out.Store(&found)
	if len(found) == 0 {
		return
	}
	o.Logger.Warn("published demo secrets in use: replace them before real use", "secrets", strings.Join(found, "; "))
	fmt.Fprintf(o.Stdout, "CẢNH BÁO: đang dùng mật khẩu, mã PIN hoặc mã thiết bị mẫu đã công bố (%s). "+
		"Hãy thay trước khi dùng thật. / WARNING: published demo secrets in use; replace them before real use.\n",
		strings.Join(found, ", "))
}

// upgradeBackup copies hall.db to DATA/backups before the first start of a
// server version other than the one that last used it, and records this
// version.
func upgradeBackup(st *store.Store, o Options) error {
	prev := st.WrittenBy()
	if prev == version.Version {
		return nil
	}
	// A database of an older schema was copied by store.Open already.
	if prev != "" && st.FoundSchema() == store.SchemaVersion {
		name, err := st.UpgradeBackup(filepath.Join(o.Data, "backups"), prev, o.Now())
		if err != nil {
			return err
		}
		o.Logger.Info("new server version: database backed up first", "from", prev, "to", version.Version, "backup", name)
	}
	return st.MarkWriter(version.Version)
}

// fileHash returns the hex sha256 of the file at path, or "" if it cannot
// be read.
func fileHash(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// dataInUse says, to the person who started a second server, that another
// one holds the data folder.
type dataInUse string

func (d dataInUse) Error() string {
	return "Thư mục dữ liệu " + string(d) + " đang được một máy chủ khác sử dụng / The data folder " +
		string(d) + " is in use by another server"
}

func (d dataInUse) Unwrap() error { return store.ErrInUse }

// Start starts the server and returns once it listens.
func Start(o Options) (*Server, error) {
	o.defaults()
	if err := os.MkdirAll(o.Data, 0o755); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	if o.Init {
		if err := initHall(o); err != nil {
			return nil, err
		}
	}
	cfg, err := loadConfig(o)
	if err != nil {
		return nil, err
	}
	if err := startFastClock(&o, cfg); err != nil {
		return nil, err
	}
	st, err := store.Open(filepath.Join(o.Data, "hall.db"))
	if errors.Is(err, store.ErrInUse) {
		return nil, dataInUse(o.Data)
	}
	if err != nil {
		return nil, err
	}
	if err := upgradeBackup(st, o); err != nil {
		st.Close()
		return nil, err
	}
	s, err := start(o, cfg, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	return s, nil
}

func start(o Options, cfg *config.Config, st *store.Store) (*Server, error) {
	id, err := serverTLS(o, cfg)
	if err != nil {
		return nil, err
	}
	var caPEM []byte
	var caFingerprint string
	if id != nil {
		caPEM, caFingerprint = id.CAPEM, id.Fingerprint
	}
	settings := cfg.Settings()
	var services []string
	for _, sv := range settings.Services {
		services = append(services, sv.ID)
	}
	m := metrics.New(services)
	var h *hall.Hall
	pl, err := newProvinceLink(o, cfg, st, &h)
	if err != nil {
		return nil, err
	}
	h, err = hall.New(cfg, st, hall.Options{Now: o.Now, Logger: o.Logger, Metrics: pl.hallMetrics(m),
		ReportDir: filepath.Join(o.Data, "reports"), SeedHash: fileHash(cfg.Path), EventDays: cfg.EventDays()})
	if err != nil {
		return nil, err
	}
	if err := retainAtStart(h, st, o.Logger); err != nil {
		return nil, err
	}
	var demo atomic.Pointer[[]string]
	sessions := web.NewSessions(o.Now)
	hb := hub.New(h, hub.Options{Logger: o.Logger, Session: sessions.User, Metrics: m})
	sessions.OnEnd(hb.EndSessions)
	srv := &http.Server{
		Handler: web.New(web.Options{Hall: h, Sessions: sessions, WS: hb, Metrics: m.Handler(), Logger: o.Logger, Links: hb,
			DemoSecrets: func() []string {
				if p := demo.Load(); p != nil {
					return *p
				}
				return nil
			},
			CAFingerprint: caFingerprint, CAPEM: func() []byte { return caPEM },
			Version: version.Version, ClockSpeed: o.FastClock, ProvinceLink: pl.status,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cmp.Or(o.readTimeout, ReadTimeout),
		IdleTimeout:       cmp.Or(o.idleTimeout, IdleTimeout),
		MaxHeaderBytes:    MaxHeaderBytes,
		// Failed TLS handshakes (a device pinned to another CA, plain
		// HTTP on the TLS port) go to the server's log.
		ErrorLog: slog.NewLogLogger(o.Logger.Handler(), slog.LevelInfo),
	}
	var j *jobs.Jobs
	if o.realClock || o.fast != nil {
		jo := jobs.Options{
			Location: settings.Location, Close: settings.Close,
			BackupDir: filepath.Join(o.Data, "backups"), Logger: o.Logger,
		}
		if o.fast != nil {
			jo.Clock = o.fast
		}
		j, err = jobs.Start(h, jo)
		if err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		if j != nil {
			j.Stop()
		}
		return nil, err
	}
	ln = hub.Listener(ln)
	scheme := "http"
	if id != nil {
		ln = tls.NewListener(ln, id.Config())
		scheme = "https"
		announceTLS(o, id)
	} else {
		warnPlain(o, ln.Addr().(*net.TCPAddr))
	}
	day, seq := h.Day()
	o.Logger.Info("hall server listening", "addr", ln.Addr().String(), "tls", id != nil, "hall", settings.Name, "day", day, "seq", seq, "data", o.Data)
	for _, u := range pageURLs(scheme, ln.Addr().(*net.TCPAddr), interfaceIPs()) {
		fmt.Fprintf(o.Stdout, "Mở trang giám sát: %s (Open the supervisor pages)\n", u)
	}
	s := &Server{Addr: ln.Addr().String(), Hall: h, CAPEM: caPEM, CAFingerprint: caFingerprint, srv: srv, hub: hb, jobs: j, st: st, log: o.Logger,
		errc: make(chan error, 1), demoChecked: make(chan struct{}), link: pl}
	pl.start()
	go func() { s.errc <- srv.Serve(ln) }()
	go func() {
		defer close(s.demoChecked)
		warnDemoSecrets(h.Config(), &demo, o)
	}()
	return s, nil
}

// Close shuts down cleanly: no new connections, websockets closed with
// 1001 after their in-flight command, jobs stopped, the database closed.
func (s *Server) Close() error {
	s.log.Info("shutting down")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.srv.Shutdown(ctx)
	if err := s.hub.Shutdown(ctx); err != nil {
		s.log.Warn("connections did not close in time", "err", err)
	}
	if s.jobs != nil {
		s.jobs.Stop()
	}
	<-s.demoChecked // it logs: not after the server is gone
	s.link.stop()
	return s.st.Close()
}

// Package pairing is the apps' side of device pairing (README, "Ghép thiết
// bị"): an app with a server address and no token asks the server to pair
// (POST /pair), shows the code it gets, polls (GET /pair/{id}) until an
// admin accepts it on /admin/devices, and saves the device id and token in
// the user's config folder for later starts. It imports no Fyne.
package pairing

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"hallq/shared/pause"
)

// Pairer asks one server to pair one app.
type Pairer struct {
	// Server is the websocket URL the app was given (ws://HOST:PORT/ws);
	// the pairing endpoints are on the same host.
	Server string
	// Role is kiosk, counter or display.
	Role string
	// Host is the PC's name, shown to the admin; "" asks os.Hostname.
	Host string
	// Version is the app's version; "" is "dev".
	Version string
	// HTTP is the client for the requests; nil is a client with a 40s
	// timeout (a poll waits up to 25s on the server).
	HTTP *http.Client
	// Retry is the wait after a failed request (default 3s).
	Retry  time.Duration
	Logger *slog.Logger
}

// Status is what the pairing screen shows: the code to read out, or why
// there is none yet.
type Status struct {
	Code string // 6 digits; "" while none is known
	Err  error  // the last failure, nil when all is well
	// Fingerprint is the server's certificate authority trusted on first
	// use (wss:// without -ca), for the admin to compare with /admin/tls;
	// "" otherwise.
	Fingerprint string
}

// ErrExpired is a request the server no longer knows: it expired (10
// minutes) or was refused; Pair then asks for a new code.
var ErrExpired = errors.New("pairing: request expired")

// Pair asks for a code, reports it through show, and waits until an admin
// accepts it, asking for a new code whenever one expires and retrying
// after network failures. It returns the credentials (not yet saved) or
// ctx's error. show runs on Pair's goroutine.
func (p Pairer) Pair(ctx context.Context, show func(Status)) (Creds, error) {
	base, err := HTTPBase(p.Server)
	if err != nil {
		return Creds{}, err
	}
	var pin *tofu
	if p.HTTP == nil && isTLS(base) {
		pin = &tofu{}
		p.HTTP = pin.client()
	}
	p.defaults()
	status := func(st Status) Status {
		if pin != nil {
			st.Fingerprint = pin.fingerprint()
		}
		return st
	}
	for {
		start, err := p.start(ctx, base)
		if err != nil {
			if ctx.Err() != nil {
				return Creds{}, ctx.Err()
			}
			p.Logger.Warn("pairing: request failed", "server", base, "err", err)
			show(status(Status{Err: err}))
			if !pause.For(ctx, p.Retry) {
				return Creds{}, ctx.Err()
			}
			continue
		}
		p.Logger.Info("pairing: code shown, waiting for an admin", "code", start.Code, "server", base)
		show(status(Status{Code: start.Code}))
		c, err := p.wait(ctx, base, start, func(st Status) { show(status(st)) })
		if err == nil && pin != nil {
			err = pin.check(c.CAPEM)
			if err != nil {
				// A paired device would trust an authority the admin
				// did not see: start over.
				p.Logger.Error("pairing: refused", "err", err)
				show(status(Status{Err: err}))
			}
		}
		if err == nil {
			c.Server = p.Server
			return c, nil
		}
		if ctx.Err() != nil {
			return Creds{}, ctx.Err()
		}
	}
}

func (p *Pairer) defaults() {
	if p.Host == "" {
		p.Host, _ = os.Hostname()
	}
	if p.Version == "" {
		p.Version = "dev"
	}
	if p.HTTP == nil {
		p.HTTP = &http.Client{Timeout: RequestTimeout}
	}
	if p.Retry <= 0 {
		p.Retry = 3 * time.Second
	}
	if p.Logger == nil {
		p.Logger = slog.Default()
	}
}

// started is the server's answer to POST /pair.
type started struct {
	Code      string `json:"code"`
	RequestID string `json:"request_id"`
	Secret    string `json:"secret"`
}

// polled is the server's answer to GET /pair/{id}.
type polled struct {
	Status  string `json:"status"`
	Device  string `json:"device"`
	Role    string `json:"role"`
	Token   string `json:"token"`
	Counter int    `json:"counter"`
	CAPEM   string `json:"ca_pem"`
}

func (p Pairer) start(ctx context.Context, base string) (started, error) {
	body, _ := json.Marshal(map[string]string{"role": p.Role, "host": p.Host, "app_version": p.Version})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/pair", bytes.NewReader(body))
	if err != nil {
		return started{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	var out started
	if err := p.do(req, &out); err != nil {
		return started{}, err
	}
	if out.Code == "" || out.RequestID == "" {
		return started{}, fmt.Errorf("pairing: the server gave no code")
	}
	return out, nil
}

// wait polls until the request is paired (its creds), expired
// (ErrExpired) or ctx ends; network failures are retried.
func (p Pairer) wait(ctx context.Context, base string, s started, show func(Status)) (Creds, error) {
	u := base + "/pair/" + url.PathEscape(s.RequestID) + "?secret=" + url.QueryEscape(s.Secret)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return Creds{}, err
		}
		var out polled
		err = p.do(req, &out)
		switch {
		case ctx.Err() != nil:
			return Creds{}, ctx.Err()
		case errors.Is(err, ErrExpired):
			p.Logger.Info("pairing: code expired, asking for a new one")
			return Creds{}, err
		case err != nil:
			show(Status{Code: s.Code, Err: err})
			if !pause.For(ctx, p.Retry) {
				return Creds{}, ctx.Err()
			}
		case out.Status == "paired" && out.Device != "" && out.Token != "":
			p.Logger.Info("pairing: accepted", "device", out.Device)
			return Creds{Device: out.Device, Token: out.Token, Role: out.Role, Counter: out.Counter, CAPEM: out.CAPEM}, nil
		default:
			show(Status{Code: s.Code})
		}
	}
}

// do sends req and decodes a 200 answer into out; 404 is ErrExpired.
func (p Pairer) do(req *http.Request, out any) error {
	resp, err := p.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		return json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 1<<20)).Decode(out)
	case http.StatusNotFound:
		return ErrExpired
	case http.StatusTooManyRequests:
		return fmt.Errorf("pairing: quá nhiều yêu cầu, thử lại sau (too many requests)")
	default:
		return fmt.Errorf("pairing: %s %s: %s", req.Method, req.URL.Path, resp.Status)
	}
}

// HTTPBase turns the app's websocket URL into the server's HTTP base:
// ws://h:8080/ws is http://h:8080, wss:// is https://.
func HTTPBase(server string) (string, error) {
	u, err := url.Parse(server)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("pairing: địa chỉ máy chủ không hợp lệ (bad server URL) %q", server)
	}
	switch strings.ToLower(u.Scheme) {
	case "ws", "http":
		u.Scheme = "http"
	case "wss", "https":
		u.Scheme = "https"
	default:
		return "", fmt.Errorf("pairing: địa chỉ máy chủ phải bắt đầu bằng ws:// hoặc wss:// (bad scheme) %q", server)
	}
	return u.Scheme + "://" + u.Host, nil
}

// RequestTimeout bounds each pairing request (a poll waits up to 25 s on the
// server); an app's own client (-ca) uses it too.
const RequestTimeout = 40 * time.Second

package web_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"hallq/shared/hallclient"
	"hallq/shared/protocol"

	"github.com/chromedp/chromedp"
)

// TestBrowserAdmin: in Chromium, the admin adds a service, lets counter 1
// serve it and adds a clerk; a kiosk's hallclient sees the service without
// a restart; the new clerk signs in at counter 1 with the one-time PIN, is
// told to change it, does, and calls the service's first ticket. The audit
// log (page and JSON) lists each change and no secret.
func TestBrowserAdmin(t *testing.T) {
	execPath := needChromium(t)
	srv, _, base := startDemoHall(t)

	kiosk := hallclient.New(hallclient.Config{URL: "ws://" + srv.Addr + "/ws", Device: "kiosk-1", Token: kioskToken})
	kctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { kiosk.Run(kctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })

	ctx := newBrowser(t, execPath)
	signIn(t, ctx, base+"/admin/services", "add-service")
	// A refused add shows its message next to the field.
	run(t, ctx, "add a bad service",
		chromedp.SendKeys(chromedp.ID("f-id"), "A"),
		chromedp.SendKeys(chromedp.ID("f-name"), "Trùng mã"),
		chromedp.Click(chromedp.ID("save-service")),
		chromedp.WaitVisible(chromedp.CSS(".field-error")),
	)
	waitText(t, ctx, "#add-service .field-error", "trùng")
	run(t, ctx, "add service G",
		chromedp.SetValue(chromedp.ID("f-id"), "G"),
		chromedp.SetValue(chromedp.ID("f-name"), "Thương mại điện tử"),
		chromedp.SendKeys(chromedp.ID("f-procedures"), "Đăng ký website\nThông báo website"),
		chromedp.Click(chromedp.ID("save-service")),
		chromedp.WaitVisible(chromedp.ID("saved")),
	)
	waitText(t, ctx, "#services", "Thương mại điện tử")
	screenshot(t, ctx, "web-admin-services")

	// The kiosk sees G without a restart.
	deadline := time.Now().Add(10 * time.Second)
	for !slices.ContainsFunc(kiosk.State().Services, func(s protocol.ServiceInfo) bool { return s.ID == "G" }) {
		if time.Now().After(deadline) {
			t.Fatalf("the kiosk's state has no service G: %+v", kiosk.State().Services)
		}
		time.Sleep(50 * time.Millisecond)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := kiosk.Send(sctx, "issue_ticket", map[string]any{"service": "G"}); err != nil {
		t.Fatalf("issue G: %v", err)
	}

	run(t, ctx, "counter 1 serves G",
		chromedp.Navigate(base+"/admin/counters/1"),
		chromedp.WaitVisible(chromedp.ID("edit-counter")),
		chromedp.Click(chromedp.CSS(`#edit-counter input[value="G"]`)),
		chromedp.Click(chromedp.ID("save-counter")),
		chromedp.WaitVisible(chromedp.ID("saved")),
	)
	waitText(t, ctx, `#counters [data-counter="1"]`, "A, B, G")

	run(t, ctx, "add clerk an.nv",
		chromedp.Navigate(base+"/admin/clerks"),
		chromedp.WaitVisible(chromedp.ID("add-clerk")),
		chromedp.SendKeys(chromedp.ID("f-username"), "an.nv"),
		chromedp.SendKeys(chromedp.ID("f-name"), "Nguyễn Văn An"),
		chromedp.SendKeys(chromedp.ID("f-pin"), "246810"),
		chromedp.Click(chromedp.ID("save-clerk")),
		chromedp.WaitVisible(chromedp.ID("saved")),
	)
	waitText(t, ctx, `#clerks [data-clerk="an.nv"]`, "PIN tạm thời")
	screenshot(t, ctx, "web-admin-clerks")

	// The new clerk at counter 1.
	counter := dialDevice(t, srv.Addr, "counter-1", counter1Token)
	var login struct {
		Clerk struct {
			Username      string `json:"username"`
			MustChangePIN bool   `json:"must_change_pin"`
		} `json:"clerk"`
	}
	counter.mustOK("clerk_login", map[string]any{"username": "an.nv", "pin": "246810"}, &login)
	if !login.Clerk.MustChangePIN {
		t.Fatalf("clerk_login with the one-time PIN: %+v, want must_change_pin", login.Clerk)
	}
	counter.mustOK("change_pin", map[string]any{"new_pin": "97531"}, nil)
	var c1 called
	counter.mustOK("call_next", nil, &c1)
	if c1.Ticket.Number != "G001" {
		t.Fatalf("call_next: got %s, want G001", c1.Ticket.Number)
	}

	// The audit log.
	run(t, ctx, "audit", chromedp.Navigate(base+"/admin/audit"), chromedp.WaitVisible(chromedp.ID("audit")))
	page, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "web-admin-audit")
	run(t, ctx, "audit json", chromedp.Navigate(base+"/admin/audit.json"))
	raw := text(t, ctx, "body")
	for _, want := range []string{"clerk.change_pin", "clerk.add", "counter.edit", "service.add"} {
		if !strings.Contains(page, want) || !strings.Contains(raw, want) {
			t.Errorf("the audit log does not list %s", want)
		}
	}
	for _, secret := range []string{"246810", "97531", "giamsat2026", "$2a$", kioskToken, counter1Token} {
		if strings.Contains(page, secret) || strings.Contains(raw, secret) {
			t.Errorf("the audit log shows the secret %q", secret)
		}
	}
}

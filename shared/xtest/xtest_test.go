package xtest

import (
	"os/exec"
	"testing"
	"time"
)

func TestFindWindowWhenTheAppExited(t *testing.T) {
	d := StartX(t, 640, 480)
	bin, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no true(1)")
	}
	cmd := d.Start(t, bin)
	start := time.Now()
	_, err = d.FindWindow("never", 20*time.Second)
	if err == nil {
		t.Fatal("FindWindow found a window of an app that exited")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("FindWindow took %v after the app exited, want it to give up at once", took)
	}
	if !d.Exited(cmd) {
		t.Error("Exited got false for an app that exited")
	}
}

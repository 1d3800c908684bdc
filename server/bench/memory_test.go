package bench

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"hallq/shared/xtest"
)

// BenchmarkIdleConnections builds and starts the real server binary,
// connects 1,000 displays that say hello and then stay idle, and reports
// the server process's resident memory per connection (VmRSS after minus
// before, over 1,000).
func BenchmarkIdleConnections(b *testing.B) {
	const n = 1000
	dir := b.TempDir()
	bin := xtest.GoBuild(b, "hallq/server")
	addr := freeAddr(b)
	cmd := exec.Command(bin, "-demo", "-data", filepath.Join(dir, "data"), "-addr", addr)
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	waitListening(b, addr)
	before := rssKB(b, cmd.Process.Pid)
	// One measurement, whatever b.N: n connections, then the resident
	// memory they added.
	displays(b, addr, n, newArrivals())
	time.Sleep(500 * time.Millisecond)
	after := rssKB(b, cmd.Process.Pid)
	b.ReportMetric(float64(after-before)/float64(n), "KB/conn")
	target(b, "KB/conn", float64(after-before)/float64(n), 50)
	b.ReportMetric(float64(before), "rss-before-KB")
}

func freeAddr(b *testing.B) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitListening(b *testing.B, addr string) {
	b.Helper()
	for i := 0; i < 200; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.Fatalf("server did not listen on %s", addr)
}

func rssKB(b *testing.B, pid int) int {
	b.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.Fields(v)[0])
			return n
		}
	}
	b.Fatal("no VmRSS")
	return 0
}

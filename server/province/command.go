package province

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"syscall"
	"time"

	"hallq/server/certs"
	"hallq/server/config"
	"hallq/server/province/pgstore"
	"hallq/shared/flagenv"
)

// Usage of "server province".
const usage = `Cách dùng (usage):
  server province -pg postgres://… [-addr :8090] [-tls-cert F -tls-key F]
                                                             chạy dịch vụ tỉnh (run the province service)
  server province -pg … add-hall -id X -name "…" [-deadline 5] [-open 07:30 -close 17:00 -tz Asia/Ho_Chi_Minh]
                                                             đăng ký sảnh, in khóa (register a hall, print its key)
  server province -pg … add-account -user U                  tạo tài khoản tỉnh hoặc cấp lại mật khẩu, in mật khẩu một lần
                                                             (create a province account or reset it, print a one-time password)
  server province -pg … migrate                              chỉ cập nhật lược đồ (migrate the schema only)
-pg cũng có thể đặt bằng biến HALL_PG (also from HALL_PG).
`

// Command is "server province": the province service, or one of its
// administration commands.
func Command(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("province", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	pg := fs.String("pg", "", "địa chỉ PostgreSQL, postgres://user:pass@host/db (PostgreSQL url)")
	addr := fs.String("addr", ":8090", "địa chỉ lắng nghe (address to listen on)")
	var tlsFiles TLSFiles
	fs.StringVar(&tlsFiles.Cert, "tls-cert", "", "tệp chứng chỉ PEM, bật HTTPS (PEM certificate chain; turns HTTPS on)")
	fs.StringVar(&tlsFiles.Key, "tls-key", "", "tệp khóa riêng PEM (its PEM private key)")
	if err := flagenv.Parse(fs, args, os.LookupEnv); err != nil {
		return err
	}
	if *pg == "" {
		fs.Usage()
		return errors.New("cần -pg (or HALL_PG): địa chỉ PostgreSQL (-pg is required)")
	}
	if (tlsFiles.Cert == "") != (tlsFiles.Key == "") {
		return errors.New("-tls-cert và -tls-key phải đi cùng nhau (-tls-cert and -tls-key go together)")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	store, err := pgstore.Open(ctx, *pg)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Migrate(ctx, 0); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		log := slog.New(slog.NewTextHandler(stderr, nil))
		return Serve(ctx, store, *addr, tlsFiles, log, stdout)
	}
	switch rest[0] {
	case "add-hall":
		return addHall(ctx, store, rest[1:], stdout, stderr)
	case "add-account":
		return addAccount(ctx, store, rest[1:], stdout, stderr)
	case "migrate":
		v, err := store.Version(ctx)
		if err == nil {
			fmt.Fprintf(stdout, "Lược đồ ở phiên bản %d (schema at version %d)\n", v, v)
		}
		return err
	}
	fs.Usage()
	return fmt.Errorf("lệnh không rõ %q (unknown command)", rest[0])
}

// TLSFiles are the PEM certificate chain and key the service serves
// HTTPS with; both empty serve plain HTTP.
type TLSFiles struct{ Cert, Key string }

// Serve runs the service on addr until ctx ends, then shuts down within
// 10 s.
func Serve(ctx context.Context, store *pgstore.Store, addr string, tf TLSFiles, log *slog.Logger, stdout io.Writer) error {
	s := New(store, log)
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: time.Minute}
	scheme := "http"
	if tf.Cert != "" {
		own, err := certs.LoadOwn(tf.Cert, tf.Key)
		if err != nil {
			return fmt.Errorf("chứng chỉ TLS (TLS certificate): %w", err)
		}
		srv.TLSConfig = own.Config()
		scheme = "https"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("không lắng nghe được %s (cannot listen): %w", addr, err)
	}
	if srv.TLSConfig != nil {
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	go s.Prune(ctx)
	fmt.Fprintf(stdout, "Dịch vụ tỉnh (province service): %s://%s/\n", scheme, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// validID is a hall id: letters, digits, '.', '-', '_', at most 64.
var validID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

func addHall(ctx context.Context, store *pgstore.Store, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("add-hall", flag.ContinueOnError)
	fs.SetOutput(stderr)
	h := pgstore.Hall{}
	fs.StringVar(&h.ID, "id", "", "mã sảnh, trùng hall_id trong [province] của sảnh (the hall's id)")
	fs.StringVar(&h.Name, "name", "", "tên sảnh (the hall's name)")
	fs.IntVar(&h.DeadlineDays, "deadline", 5, "hạn xử lý phản ánh, ngày làm việc (feedback deadline in working days)")
	fs.StringVar(&h.Open, "open", "07:30", "giờ mở cửa (opening time)")
	fs.StringVar(&h.Close, "close", "17:00", "giờ đóng cửa (closing time)")
	fs.StringVar(&h.Timezone, "tz", "Asia/Ho_Chi_Minh", "múi giờ (time zone)")
	fs.StringVar(&h.Key, "key", "", "khóa bí mật, mặc định tạo ngẫu nhiên (shared secret; random by default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !validID.MatchString(h.ID) {
		return errors.New("-id: mã sảnh gồm chữ, số, '.', '-', '_', tối đa 64 ký tự (letters, digits, . - _, at most 64)")
	}
	if h.Name == "" {
		return errors.New("cần -name: tên sảnh (-name is required)")
	}
	if h.DeadlineDays < 1 || h.DeadlineDays > 60 {
		return errors.New("-deadline: từ 1 đến 60 ngày làm việc (1 to 60 working days)")
	}
	if _, err := time.LoadLocation(h.Timezone); err != nil {
		return fmt.Errorf("-tz: múi giờ không rõ (unknown time zone): %v", err)
	}
	for _, v := range []string{h.Open, h.Close} {
		if _, err := time.Parse("15:04", v); err != nil {
			return fmt.Errorf("giờ %q không đúng dạng HH:MM (bad time)", v)
		}
	}
	if h.Key == "" {
		k := make([]byte, 32)
		rand.Read(k)
		h.Key = hex.EncodeToString(k)
	}
	if err := store.AddHall(ctx, h); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã đăng ký sảnh (hall registered): %s · %s\n  Khóa (key), đặt vào [province] key của sảnh: %s\n", h.ID, h.Name, h.Key)
	return nil
}

func addAccount(ctx context.Context, store *pgstore.Store, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("add-account", flag.ContinueOnError)
	fs.SetOutput(stderr)
	user := fs.String("user", "", "tên đăng nhập (username)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !validID.MatchString(*user) {
		return errors.New("-user: tên đăng nhập gồm chữ, số, '.', '-', '_' (letters, digits, . - _)")
	}
	password := rand.Text()[:16]
	hash, err := config.Hash(password)
	if err != nil {
		return err
	}
	if err := store.SetAccount(ctx, *user, hash, true); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Tài khoản tỉnh (province account): %s\n  Mật khẩu dùng một lần (one-time password): %s\n", *user, password)
	return nil
}

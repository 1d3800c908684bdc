package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"hallq/server/store"
)

// restore runs "server restore [-data DIR] FILE": it puts the backup FILE
// in place of DIR/hall.db, keeping the database it replaces under
// DIR/backups. The server must be stopped first.
func restore(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("server restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "./data", "thư mục dữ liệu của máy chủ (data directory)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Cách dùng (usage): server restore [-data DIR] TỆP-SAO-LƯU.db")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("cần đúng một tệp sao lưu (one backup file is required)")
	}
	saved, err := store.Restore(filepath.Join(*data, "hall.db"), fs.Arg(0), time.Now())
	if err != nil {
		if isInUse(err) {
			return fmt.Errorf("máy chủ đang chạy trên thư mục %s: hãy dừng máy chủ trước khi khôi phục (stop the server first)", *data)
		}
		return err
	}
	fmt.Fprintf(stdout, "Đã khôi phục %s từ %s (restored).\n", filepath.Join(*data, "hall.db"), fs.Arg(0))
	if saved != "" {
		fmt.Fprintf(stdout, "Cơ sở dữ liệu cũ được giữ ở %s (the replaced database is kept).\n", saved)
	}
	return nil
}

package hallclient

import "flag"

// DefaultServer is the -server default: a server on the same PC.
const DefaultServer = "ws://localhost:8080/ws"

// ConnFlags are the flags every app takes to reach the hall server (SPEC
// section 1): -server, -device, -token and -ca, each also HALL_<FLAG>
// through shared/flagenv.
type ConnFlags struct {
	Server, Device, Token string
	// ServerSet says -server (or HALL_SERVER) was given: a device saved by
	// pairing with another server is then not used.
	ServerSet bool
	CA        CAFlag
}

// Register adds the flags to fs, -device defaulting to device ("" for
// none).
func (c *ConnFlags) Register(fs *flag.FlagSet, device string) {
	fs.StringVar(&c.Server, "server", DefaultServer, "`URL` websocket của máy chủ, ws://HOST:PORT/ws (the hall server's websocket URL)")
	fs.StringVar(&c.Device, "device", device, "mã thiết bị (`id`) trong hall.toml (this device's id)")
	fs.StringVar(&c.Token, "token", "", "`token` của thiết bị, nên đặt qua HALL_TOKEN; không có thì ghép thiết bị (the device's token; without one the app pairs)")
	fs.Var(&c.CA, "ca", "tệp PEM chứng chỉ gốc (CA) của sảnh để tin khi dùng wss://, ví dụ ca.pem tải ở trang /admin/tls (the hall CA to trust for wss://)")
}

// Parsed notes, after fs was parsed, whether -server was given.
func (c *ConnFlags) Parsed(fs *flag.FlagSet) {
	fs.Visit(func(f *flag.Flag) { c.ServerSet = c.ServerSet || f.Name == "server" })
}

package app

import (
	"net"
	"strconv"
)

// pageURLs are the addresses to open the supervisor pages at, for a server
// listening on addr with scheme (http or https): that address, or for an
// unspecified one (":8080") localhost and each of the machine's addresses in
// ips.
func pageURLs(scheme string, addr *net.TCPAddr, ips []net.IP) []string {
	port := strconv.Itoa(addr.Port)
	url := func(host string) string { return scheme + "://" + net.JoinHostPort(host, port) + "/" }
	if !addr.IP.IsUnspecified() {
		return []string{url(addr.IP.String())}
	}
	out := []string{url("localhost")}
	for _, ip := range ips {
		if ip.IsLoopback() || ip.IsLinkLocalUnicast() {
			continue
		}
		if ip.To4() == nil {
			continue // a LAN's supervisors type IPv4 addresses
		}
		out = append(out, url(ip.String()))
	}
	return out
}

// interfaceIPs returns the machine's interface addresses (none on error).
func interfaceIPs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			out = append(out, n.IP)
		}
	}
	return out
}

// Package version holds the release version stamped into every program at
// build time:
//
//	go build -ldflags "-X hallq/shared/version.Version=1.2.0" ./server
//
// A build without the stamp says "dev".
package version

// Version is the release version, "dev" when not stamped.
var Version = "dev"

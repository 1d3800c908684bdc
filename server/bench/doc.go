// Package bench holds the server's benchmarks (go test -bench . ./server/bench):
// each measures the real server against a floor measured in the same run,
// a bare bbolt Update with fsync and a bare websocket broadcast of the same
// bytes to the same clients. It has no code besides its tests.
package bench

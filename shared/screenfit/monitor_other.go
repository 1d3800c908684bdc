//go:build !cgo || ci || wasm || js || android || ios

package screenfit

// workArea reports no monitor: without cgo there is no GLFW to ask.
func workArea() (pixels, bool) { return pixels{}, false }

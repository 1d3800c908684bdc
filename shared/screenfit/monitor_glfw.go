//go:build cgo && !ci && !wasm && !js && !android && !ios

package screenfit

import "github.com/go-gl/glfw/v3.3/glfw"

// workArea is the primary monitor's work area (the screen less the
// desktop's panels), in pixels. GLFW needs the main thread, where Fyne runs
// its lifecycle callbacks, and is already initialised by Fyne's driver.
func workArea() (pixels, bool) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return pixels{}, false
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if vm := m.GetVideoMode(); vm != nil {
			w, h = vm.Width, vm.Height
		}
	}
	return pixels{w, h}, w > 0 && h > 0
}

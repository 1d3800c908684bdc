// Package hallclient is the reconnecting websocket client that the kiosk,
// counter and display apps use to talk to the hall server (SPEC section 4),
// and Mirror, which folds the server's state and events into the current
// protocol.State.
//
// A Client dials, says hello with the last event it saw, keeps its Mirror in
// step with the replayed and live events, and reconnects with exponential
// backoff and full jitter when the link drops. Commands go through Send,
// which waits for the reply; a command whose reply was lost to a dropped
// link is re-sent with the same id after the next hello, so the server
// applies it once. SendID lets the caller keep the id of a command it gave
// up on and send it again later as the same command. Websocket pings every
// PingPeriod (3 s) and a PongWait (7 s) read deadline notice a link that
// stops passing data without closing.
//
// Every callback runs on the goroutine that called Run, one at a time and in
// order, so an app only has to hand the values to its UI (fyne.Do).
//
// The package is the only one of the apps that imports gorilla/websocket.
package hallclient

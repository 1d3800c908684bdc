// Package simulate plays a hall's day against a real server over real
// websockets (`server simulate`): kiosks issue tickets as citizens arrive
// along a morning-peaked curve, clerks sign in, call, serve, finish,
// recall, mark no-shows, transfer, hold and pause, citizens rate at the
// kiosks, hall screens follow every event, and at 10:30 a network blip
// drops every connection. Then it checks the day against the server's own
// closing report and prints a summary.
//
// A day is a Profile (Province and Commune are built in; a JSON file can
// change them), made into a Hall: a hall.toml the server starts on and the
// devices' tokens and clerks' PIN. Run plays it against a server on a fast
// clock (the server's -fast-clock), following the server's clock from
// /healthz. The kiosks and counters use shared/hallclient, as the apps
// do; the displays speak the protocol themselves, so that a repeated or
// lost event is seen rather than smoothed over. Every device goes through
// a proxy of the package's own, which the blip cuts.
package simulate

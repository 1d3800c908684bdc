// Package queue holds the hall's domain: tickets, counters, ratings and
// feedback, their states and errors, and the Engine that applies the queue
// rules of SPEC section 3 to one day's state in memory.
//
// The package uses the standard library only and does no I/O: the server's
// store persists what the Engine changes, and the apps reuse the types and the
// ordering rules to show the queue.
package queue

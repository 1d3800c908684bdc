// Package report computes the hall's daily report of SPEC section 7 and the
// monthly summary from records the store hands it, and writes them as xlsx
// and csv.
//
// The package does no I/O but the writers it is given: Daily and Monthly are
// pure functions of their arguments, safe to call from any goroutine. It is
// the only package that imports excelize.
package report

package queue

// PINRule says ValidPIN's rule, for a form, a counter's message or a reply.
const PINRule = "Mã PIN phải gồm 4 đến 8 chữ số"

// ValidPIN reports whether pin is 4 to 8 ASCII digits, as clerks' PINs
// must be (the server's forms and change_pin, and the counter before it
// sends).
func ValidPIN(pin string) bool {
	if len(pin) < 4 || len(pin) > 8 {
		return false
	}
	for i := range len(pin) {
		if pin[i] < '0' || pin[i] > '9' {
			return false
		}
	}
	return true
}

// CheckPIN returns an EBADREQUEST error saying PINRule for a pin that is
// not valid, nil otherwise.
func CheckPIN(pin string) error {
	if !ValidPIN(pin) {
		return Errorf(EBADREQUEST, "%s", PINRule)
	}
	return nil
}

// Package wire is the province link's contract: the batch a hall server
// sends to the province service (issue 14), how it is signed, and the
// answer. The hall side (server/link) and the province side
// (server/province) both use it and nothing else of each other.
//
// A batch is POSTed to Path as gzip-compressed JSON (Content-Encoding:
// gzip). Three headers carry the hall's id, the Unix time of sending and
// the signature: hex HMAC-SHA256, keyed with the hall's shared secret, over
// the hall id, the time and the compressed body exactly as sent (Sign).
// The province refuses a time more than MaxSkew from its own clock and a
// signature it has already accepted (a replayed batch), so a captured
// batch cannot be sent again; a hall that retries signs anew.
//
// Events of a day are numbered by the hall (seq 1, 2, …; SPEC 4.2). A batch
// holds consecutive events of one day starting at From. The province keeps
// (hall, day, seq) unique: events it already has are skipped, the rest
// stored, and it answers the highest seq it holds for the day with no gap
// before it. A batch that starts after that seq + 1 is refused whole with
// CodeGap and the Missing range; the province never invents events.
package wire

import (
	"bytes"
	"compress/gzip"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Path is the ingest endpoint on the province service.
const Path = "/api/province/ingest"

// Headers of an ingest request.
const (
	HeaderHall      = "X-Hallq-Hall"
	HeaderTime      = "X-Hallq-Timestamp"
	HeaderSignature = "X-Hallq-Signature"
)

// Limits of a batch.
const (
	// MaxSkew is how far a batch's time may be from the province's clock.
	MaxSkew = 5 * time.Minute
	// MaxEvents is the most events one batch may carry.
	MaxEvents = 2000
	// MaxBody is the most bytes a batch may take once decompressed.
	MaxBody = 16 << 20
)

// Error codes of an Ack, with the HTTP status the province answers them
// with.
const (
	CodeBadRequest   = "bad_request"   // 400: not gzip, not JSON, a bad field, events not consecutive
	CodeUnknownHall  = "unknown_hall"  // 401: no hall with this id
	CodeBadSignature = "bad_signature" // 401: the signature does not match
	CodeStale        = "stale"         // 401: the time is more than MaxSkew away
	CodeWrongHall    = "wrong_hall"    // 403: the body's hall_id is not the header's
	CodeReplayed     = "replayed"      // 409: this signature was accepted before
	CodeGap          = "gap"           // 409: From is past the province's seq + 1; see Missing
	CodeInternal     = "internal"      // 500
)

// Batch is what a hall sends.
type Batch struct {
	HallID   string `json:"hall_id"`
	HallName string `json:"hall_name,omitempty"`
	Version  string `json:"version,omitempty"` // the hall server's version
	// Day is the hall's day (YYYY-MM-DD) of every event in Events.
	Day string `json:"day"`
	// From is the seq of Events[0]; Events[i] has seq From+i. With no
	// events, From is ignored.
	From uint64 `json:"from"`
	// Events are the day's event frames exactly as the hall stored and
	// broadcast them (SPEC 4.2: type, seq, at, data).
	Events []json.RawMessage `json:"events"`
	// Report, when set, is the day's closing report (SPEC 7, the JSON of
	// the report API) after the day closed; a later one replaces it.
	Report json.RawMessage `json:"report,omitempty"`
	// Feedback holds feedback records (as the hall's API shows them, with
	// their id) created or changed since the last acknowledged batch; the
	// province stores each by (hall, id), the newest replacing the older.
	Feedback []json.RawMessage `json:"feedback,omitempty"`
}

// Ack is the province's answer, with status 200 when OK.
type Ack struct {
	OK bool `json:"ok"`
	// Day and Seq: the highest seq of Day the province holds with every
	// seq before it (0 when none).
	Day     string `json:"day,omitempty"`
	Seq     uint64 `json:"seq"`
	Error   *Error `json:"error,omitempty"`
	Missing *Range `json:"missing,omitempty"` // with CodeGap
}

// Error says why a batch was refused; Message is Vietnamese, then English.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Range is a day's missing events, From to To inclusive.
type Range struct {
	Day  string `json:"day"`
	From uint64 `json:"from"`
	To   uint64 `json:"to"`
}

// Sign returns the signature of a batch body (compressed, as sent) by hall
// at Unix time ts.
func Sign(key []byte, hall string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(hall))
	m.Write([]byte{'\n'})
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte{'\n'})
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is Sign's signature of body, in constant time.
func Verify(key []byte, hall string, ts int64, body []byte, sig string) bool {
	want, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	got, _ := hex.DecodeString(Sign(key, hall, ts, body))
	return hmac.Equal(got, want)
}

// Encode returns b as a gzip-compressed JSON body.
func Encode(b Batch) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ErrTooLarge is Decode's error for a body past MaxBody decompressed.
var ErrTooLarge = errors.New("wire: batch larger than MaxBody")

// Decode reads a gzip-compressed JSON batch and checks its shape: a day,
// at most MaxEvents events, each a JSON object.
func Decode(body []byte) (Batch, error) {
	var b Batch
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return b, fmt.Errorf("wire: not gzip: %w", err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, MaxBody+1))
	if err != nil {
		return b, fmt.Errorf("wire: bad gzip: %w", err)
	}
	if len(raw) > MaxBody {
		return b, ErrTooLarge
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return b, fmt.Errorf("wire: not a batch: %w", err)
	}
	if _, err := time.Parse("2006-01-02", b.Day); err != nil {
		return b, fmt.Errorf("wire: day %q is not YYYY-MM-DD", b.Day)
	}
	if len(b.Events) > MaxEvents {
		return b, fmt.Errorf("wire: %d events, at most %d", len(b.Events), MaxEvents)
	}
	if len(b.Events) > 0 && b.From == 0 {
		return b, errors.New("wire: from must be 1 or more")
	}
	for i, e := range b.Events {
		if len(e) == 0 || e[0] != '{' {
			return b, fmt.Errorf("wire: event %d is not an object", i)
		}
	}
	return b, nil
}

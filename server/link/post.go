package link

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"hallq/server/province/wire"
)

// maxAck is the most bytes of an answer read.
const maxAck = 1 << 20

// newClient returns an HTTP client that trusts caPEM's certificates, or
// the system's roots when caPEM is empty.
func newClient(caPEM []byte) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	if len(caPEM) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(caPEM) {
			return nil, errors.New("link: the province CA file holds no PEM certificate")
		}
		tr.TLSClientConfig.RootCAs = pool
	}
	return &http.Client{Transport: tr}, nil
}

// post sends b and returns the province's answer: an accepted batch, or a
// gap (ack.Error.Code wire.CodeGap with Missing). Any other answer, or no
// answer, is an error.
func (l *Link) post(ctx context.Context, b wire.Batch) (wire.Ack, error) {
	body, err := wire.Encode(b)
	if err != nil {
		return wire.Ack{}, fmt.Errorf("link: encode batch: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, l.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.url, bytes.NewReader(body))
	if err != nil {
		return wire.Ack{}, fmt.Errorf("link: %w", err)
	}
	ts := time.Now().Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "gzip")
	req.Header.Set(wire.HeaderHall, l.cfg.HallID)
	req.Header.Set(wire.HeaderTime, strconv.FormatInt(ts, 10))
	req.Header.Set(wire.HeaderSignature, wire.Sign(l.cfg.Key, l.cfg.HallID, ts, body))
	resp, err := l.cfg.Client.Do(req)
	if err != nil {
		return wire.Ack{}, fmt.Errorf("link: send batch of %s from %d: %w", b.Day, b.From, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAck))
	if err != nil {
		return wire.Ack{}, fmt.Errorf("link: read answer: %w", err)
	}
	var ack wire.Ack
	if err := json.Unmarshal(data, &ack); err != nil {
		return wire.Ack{}, fmt.Errorf("link: province answered %s, not an ack", resp.Status)
	}
	if resp.StatusCode == http.StatusOK && ack.OK {
		return ack, nil
	}
	if ack.Error != nil && ack.Error.Code == wire.CodeGap && ack.Missing != nil {
		return ack, nil
	}
	if ack.Error != nil {
		return ack, fmt.Errorf("link: province refused the batch of %s from %d (%s): %s %s", b.Day, b.From, resp.Status, ack.Error.Code, ack.Error.Message)
	}
	return ack, fmt.Errorf("link: province answered %s", resp.Status)
}

package province

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"hallq/server/province/pgstore"
	"hallq/server/province/wire"
)

// ingest takes one hall's batch (package wire): it checks the hall, the
// signature, the time and the body, then stores the batch in one
// transaction. A batch refused for any reason stores nothing.
func (s *Service) ingest(w http.ResponseWriter, r *http.Request) {
	now := s.Now()
	hallID := r.Header.Get(wire.HeaderHall)
	sig := r.Header.Get(wire.HeaderSignature)
	ts, tsErr := strconv.ParseInt(r.Header.Get(wire.HeaderTime), 10, 64)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, wire.MaxBody))
	if err != nil {
		refuse(w, wire.CodeBadRequest, "Lô dữ liệu quá lớn hoặc đọc lỗi. (Batch too large or unreadable.)", nil)
		return
	}
	if hallID == "" || sig == "" || tsErr != nil {
		refuse(w, wire.CodeBadRequest, "Thiếu mã sảnh, thời điểm hoặc chữ ký. (Hall id, timestamp or signature header missing.)", nil)
		return
	}
	hall, err := s.store.Hall(r.Context(), hallID)
	if errors.Is(err, pgstore.ErrNotFound) {
		refuse(w, wire.CodeUnknownHall, "Sảnh chưa được đăng ký với tỉnh. (No hall with this id.)", nil)
		return
	}
	if err != nil {
		s.internal(w, err)
		return
	}
	if !wire.Verify([]byte(hall.Key), hallID, ts, body, sig) {
		refuse(w, wire.CodeBadSignature, "Chữ ký không đúng: kiểm tra khóa của sảnh. (The signature does not match: check the hall's key.)", nil)
		return
	}
	if d := now.Sub(time.Unix(ts, 0)); d > wire.MaxSkew || d < -wire.MaxSkew {
		refuse(w, wire.CodeStale, "Thời điểm gửi lệch quá 5 phút so với máy chủ tỉnh: kiểm tra đồng hồ. (The timestamp is more than 5 minutes off: check the clock.)", nil)
		return
	}
	b, err := wire.Decode(body)
	if err != nil {
		refuse(w, wire.CodeBadRequest, "Lô dữ liệu không hợp lệ. (Bad batch: "+err.Error()+")", nil)
		return
	}
	if b.HallID != hallID {
		refuse(w, wire.CodeWrongHall, "Lô dữ liệu mang mã của sảnh khác. (The batch is for another hall's id.)", nil)
		return
	}
	pb, err := parseBatch(b, hall, sig, now)
	if err != nil {
		refuse(w, wire.CodeBadRequest, "Lô dữ liệu không hợp lệ: "+err.Error(), nil)
		return
	}
	seq, err := s.store.Ingest(r.Context(), pb)
	var gap *pgstore.GapError
	switch {
	case errors.Is(err, pgstore.ErrReplayed):
		refuse(w, wire.CodeReplayed, "Lô dữ liệu này đã được nhận (gửi lại cần ký lại). (This batch was accepted before; a retry must be signed anew.)", nil)
	case errors.As(err, &gap):
		refuse(w, wire.CodeGap, "Thiếu sự kiện "+strconv.FormatUint(gap.From, 10)+" đến "+strconv.FormatUint(gap.To, 10)+
			" của ngày "+b.Day+": hãy gửi chúng trước. (Events missing: send them first.)",
			&wire.Ack{Day: b.Day, Seq: gap.From - 1, Missing: &wire.Range{Day: b.Day, From: gap.From, To: gap.To}})
	case errors.Is(err, pgstore.ErrNotFound):
		refuse(w, wire.CodeUnknownHall, "Sảnh chưa được đăng ký với tỉnh. (No hall with this id.)", nil)
	case err != nil:
		s.internal(w, err)
	default:
		writeAck(w, http.StatusOK, wire.Ack{OK: true, Day: b.Day, Seq: seq})
	}
}

// statuses maps each error code to its HTTP status (wire's table).
var statuses = map[string]int{
	wire.CodeBadRequest:   http.StatusBadRequest,
	wire.CodeUnknownHall:  http.StatusUnauthorized,
	wire.CodeBadSignature: http.StatusUnauthorized,
	wire.CodeStale:        http.StatusUnauthorized,
	wire.CodeWrongHall:    http.StatusForbidden,
	wire.CodeReplayed:     http.StatusConflict,
	wire.CodeGap:          http.StatusConflict,
	wire.CodeInternal:     http.StatusInternalServerError,
}

// refuse answers an error Ack; base may carry Day, Seq and Missing.
func refuse(w http.ResponseWriter, code, msg string, base *wire.Ack) {
	var a wire.Ack
	if base != nil {
		a = *base
	}
	a.OK = false
	a.Error = &wire.Error{Code: code, Message: msg}
	writeAck(w, statuses[code], a)
}

func (s *Service) internal(w http.ResponseWriter, err error) {
	s.log.Error("province: ingest", "err", err)
	refuse(w, wire.CodeInternal, "Lỗi máy chủ tỉnh, hãy gửi lại sau. (Province server error; retry later.)", nil)
}

func writeAck(w http.ResponseWriter, status int, a wire.Ack) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(a)
}

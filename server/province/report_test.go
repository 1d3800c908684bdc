package province

import (
	"encoding/json"
	"testing"

	"hallq/server/report"
)

func decodeReport(t *testing.T, raw []byte) report.Report {
	t.Helper()
	var r report.Report
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("report %s: %v", raw, err)
	}
	return r
}

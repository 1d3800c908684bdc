package report

import (
	"encoding/json"
	"slices"
	"testing"
)

// dump encodes v as JSON for messages and comparisons.
func dump(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	return string(b)
}

// object decodes a JSON object into its members.
func object(t *testing.T, raw json.RawMessage) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("not an object: %s: %v", raw, err)
	}
	return m
}

// firstOf decodes a JSON array and returns its first element.
func firstOf(t *testing.T, raw json.RawMessage) json.RawMessage {
	t.Helper()
	var rows []json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil || len(rows) == 0 {
		t.Fatalf("want a non-empty array, got %s", raw)
	}
	return rows[0]
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sorted returns keys, sorted.
func sorted(keys ...string) []string {
	slices.Sort(keys)
	return keys
}

// TestReportJSONKeys checks that the report encodes with the key names of
// SPEC section 7, at every level.
func TestReportJSONKeys(t *testing.T) {
	top := object(t, json.RawMessage(dump(t, scenarioReport(t))))
	service := object(t, firstOf(t, top["by_service"]))
	counter := object(t, firstOf(t, top["by_counter"]))
	clerk := object(t, firstOf(t, top["by_clerk"]))
	levelKeys := sorted("1", "2", "3", "4", "5")
	durKeys := sorted("mean", "p50", "p90")
	tests := []struct {
		name string
		m    map[string]json.RawMessage
		want []string
	}{
		{"report", top, sorted("date", "issued", "called", "finished", "no_show", "expired",
			"wait_s", "service_s", "ratings", "rated_share", "satisfaction_index",
			"by_service", "by_counter", "by_clerk", "feedback", "hourly", "low_ratings",
			"appointments", "files")}, // appointments is added to SPEC section 7
		{"appointments", object(t, top["appointments"]), sorted("tickets", "called", "wait_s", "booked", "checked_in",
			"on_time", "early", "late", "missed", "cancelled")},
		{"wait_s", object(t, top["wait_s"]), durKeys},
		{"service_s", object(t, top["service_s"]), durKeys},
		{"ratings", object(t, top["ratings"]), levelKeys},
		{"feedback", object(t, top["feedback"]), sorted("received", "handled")},
		{"by_service", service, sorted("id", "issued", "called", "finished", "no_show", "expired", "wait_s", "service_s",
			"ratings", "satisfaction_index", "appointments")},
		{"by_service.wait_s", object(t, service["wait_s"]), durKeys},
		{"by_service.service_s", object(t, service["service_s"]), durKeys},
		// service_seconds and mean_service_s are added to SPEC section 7.
		{"by_counter", counter, sorted("id", "called", "finished", "no_show", "ratings", "satisfaction_index",
			"service_seconds", "mean_service_s")},
		{"by_counter.ratings", object(t, counter["ratings"]), levelKeys},
		{"by_clerk", clerk, sorted("username", "called", "finished", "no_show", "ratings", "satisfaction_index",
			"service_seconds", "mean_service_s")},
		{"by_clerk.ratings", object(t, clerk["ratings"]), levelKeys},
		{"hourly", object(t, firstOf(t, top["hourly"])), sorted("hour", "issued", "mean_wait_s")},
		{"low_ratings", object(t, firstOf(t, top["low_ratings"])), sorted("ticket_id", "number", "service",
			"rating", "reasons", "comment", "counter", "clerk", "device", "at")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sortedKeys(tc.m); !slices.Equal(got, tc.want) {
				t.Errorf("got keys %q, want %q", got, tc.want)
			}
		})
	}
}

// TestReportJSONValues spot-checks the encoded numbers: two decimals and
// whole seconds as the SPEC's example shows them.
func TestReportJSONValues(t *testing.T) {
	var got struct {
		RatedShare float64        `json:"rated_share"`
		WaitS      map[string]int `json:"wait_s"`
		Ratings    map[string]int `json:"ratings"`
	}
	if err := json.Unmarshal([]byte(dump(t, scenarioReport(t))), &got); err != nil {
		t.Fatal(err)
	}
	if got.RatedShare != 83.33 {
		t.Errorf("rated_share: got %v, want 83.33", got.RatedShare)
	}
	if got.WaitS["p90"] != 600 {
		t.Errorf("wait_s.p90: got %d, want 600", got.WaitS["p90"])
	}
	if got.Ratings["5"] != 2 {
		t.Errorf(`ratings["5"]: got %d, want 2`, got.Ratings["5"])
	}
}

// TestLevelsJSON checks that Levels always encode five keys and decode
// filling in missing ones.
func TestLevelsJSON(t *testing.T) {
	tests := []struct {
		name string
		in   Levels
		want string
	}{
		{"nil", nil, `{"1":0,"2":0,"3":0,"4":0,"5":0}`},
		{"partial", Levels{"4": 2}, `{"1":0,"2":0,"3":0,"4":2,"5":0}`},
		{"full", levels(1, 2, 3, 4, 5), `{"1":1,"2":2,"3":3,"4":4,"5":5}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := dump(t, tc.in); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	var back Levels
	if err := json.Unmarshal([]byte(`{"5":3}`), &back); err != nil {
		t.Fatal(err)
	}
	if got, want := dump(t, map[string]int(back)), `{"1":0,"2":0,"3":0,"4":0,"5":3}`; got != want {
		t.Errorf("decoded %s, want %s", got, want)
	}
}

package argmap

import (
	"encoding/json"
	"testing"
)

func TestSeverityRoundTripsThroughJSON(t *testing.T) {
	for _, s := range []Severity{SeverityError, SeverityWarning, SeverityInfo} {
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := json.Unmarshal(data, &back); err != nil || back != s {
			t.Errorf("%s came back as %s (%v) from %s", s, back, err, data)
		}
	}
	var s Severity
	if err := json.Unmarshal([]byte(`"fatal"`), &s); err == nil {
		t.Error("an unknown severity was accepted")
	}
}

package render

import (
	"testing"

	"github.com/argmap/argmap/argmap"
)

func TestReportMessagesClashWithNoDiagramMessage(t *testing.T) {
	if len(reportClashes) > 0 {
		t.Errorf("the report's messages %v are already in the diagram's tables", reportClashes)
	}
}

func TestReportMessagesAreInEveryTable(t *testing.T) {
	for k := range reportMessages[argmap.English] {
		if Say(argmap.Chinese, k) == Say(argmap.English, k) && k != MsgF1 {
			t.Errorf("%q reads the same in Chinese as in English", k)
		}
	}
}

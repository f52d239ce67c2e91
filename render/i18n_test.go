package render

import (
	"testing"

	"github.com/argmap/argmap/argmap"
)

func TestChineseTableHasEveryMessage(t *testing.T) {
	for _, m := range Messages() {
		if _, ok := messages[argmap.Chinese][m]; !ok {
			t.Errorf("the Chinese table lacks %q", m)
		}
	}
}

func TestSayFallsBackToEnglish(t *testing.T) {
	if got := Say("fr", MsgKey); got != "Key" {
		t.Errorf("Say(fr, key) = %q, want the English %q", got, "Key")
	}
	if HasMessages("fr") || !HasMessages(argmap.Chinese) {
		t.Error("HasMessages: want a Chinese table and no French one")
	}
}

func TestDatesReadAsEachLanguageWritesThem(t *testing.T) {
	d := argmap.Date{Year: 1953, Month: 6, Day: 29}
	for lang, want := range map[argmap.Lang]string{argmap.English: "29 June 1953", argmap.Chinese: "1953年6月29日"} {
		if got := DateIn(lang, d); got != want {
			t.Errorf("DateIn(%s) = %q, want %q", lang, got, want)
		}
	}
}

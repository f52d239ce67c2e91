package reader

import (
	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// The page's own strings: controls, headings, labels and notes. Kinds,
// relation names, paragraph names and dates come from render's table, which
// the diagrams share.
const (
	msgSkipToMap           render.Message = "skip-to-map"
	msgReadingOptions      render.Message = "reading-options"
	msgLanguage            render.Message = "language"
	msgLanguageButton      render.Message = "language-button" // the language's name on its own button: EN, 中文
	msgTypeSize            render.Message = "type-size"
	msgLargeType           render.Message = "large-type"
	msgTypeGlyph           render.Message = "type-glyph" // the letter the type size toggle shows, small then large
	msgExercise            render.Message = "exercise"
	msgHideAnswers         render.Message = "hide-answers"
	msgRevealAll           render.Message = "reveal-all"
	msgReveal              render.Message = "reveal"                // a toggle that shows the answers of a paragraph or a dispute
	msgRevealParagraph     render.Message = "reveal-paragraph"      // %s paragraph: the reveal toggle's full name
	msgRevealDispute       render.Message = "reveal-dispute"        // %s dispute title
	msgFallback            render.Message = "fallback"              // %s language tag: the page's own words are in English
	msgTheLetters          render.Message = "the-letters"           // landmark
	msgMapAndUnits         render.Message = "map-and-units"         // landmark
	msgDisputes            render.Message = "disputes"              // heading of the list of disputes
	msgWholeMap            render.Message = "whole-map"             // the view of every unit
	msgFitMap              render.Message = "fit-map"               // toggle: the map fitted to its panel
	msgMapHelp             render.Message = "map-help"              // how text and map link
	msgUnits               render.Message = "units"                 // heading of the list of units
	msgPassages            render.Message = "passages"              // heading of a dispute's passages in print
	msgWarnings            render.Message = "warnings"              // %d: the summary of a valid map's warnings
	msgCannotRead          render.Message = "cannot-read"           // a map that could not be read at all
	msgNotValid            render.Message = "not-valid"             // %d errors
	msgComesBack           render.Message = "comes-back"            // the preview recovers on the next good save
	msgInvalidTitle        render.Message = "invalid-title"         // the page title while the map does not validate
	msgPlace               render.Message = "place"                 // %s speaker, %s date, %s paragraph: where a unit is
	msgReporting           render.Message = "reporting"             // %s place, %s speaker, %s date: a unit that reports a letter
	msgCommunique          render.Message = "communique"            // %s date: a communiqué's heading
	msgRebuttedBy          render.Message = "rebutted-by"           // the relations seen from their target
	msgUndercutBy          render.Message = "undercut-by"           //
	msgConcededBy          render.Message = "conceded-by"           //
	msgSupportedBy         render.Message = "supported-by"          //
	msgClose               render.Message = "close"                 // closes the card shown in the text on a phone
	msgShowOnMap           render.Message = "show-on-map"           // from that card to the node
	msgUnitName            render.Message = "unit-name"             // %s number, %s text, %s kind: a node's accessible name
	msgComparedTitle       render.Message = "compared-title"        // %s map title: the heading of a student's map beside the key
	msgStudentMap          render.Message = "student-map"           // %s file
	msgKeyMap              render.Message = "key-map"               // %s file
	msgDifferences         render.Message = "differences"           // heading of the list of differences
	msgNoDifferences       render.Message = "no-differences"        //
	msgMissed              render.Message = "missed"                // %s key unit: a key unit the student has no match for
	msgExtra               render.Message = "extra"                 // %s student unit that matches no key unit
	msgKindDiffers         render.Message = "kind-differs"          // %s student unit, %s its kind, %s the key's kind
	msgMissingRelation     render.Message = "missing-relation"      // %s from, %s type, %s to: a key relation the student lacks
	msgExtraRelation       render.Message = "extra-relation"        // %s from, %s type, %s to: a student relation the key lacks
	msgRelationTypeDiffers render.Message = "relation-type-differs" // the student's from, type, to; the key's from, type, to
	msgMatches             render.Message = "matches"               // %s key unit: what a student unit matches
	msgScores              render.Message = "scores"                // %d/%d units matched, kappa, relation F1
	msgKappaUndefined      render.Message = "kappa-undefined"       // kappa with no matched unit
	msgLegendMissed        render.Message = "legend-missed"         // the key's marker for a missed unit
	msgLegendExtra         render.Message = "legend-extra"          // for an extra unit
	msgLegendDiffers       render.Message = "legend-differs"        // for a unit whose kind differs
	msgDisputeOf           render.Message = "dispute-of"            // %s map title: the subtitle of a one-dispute handout
	msgLeftOut             render.Message = "left-out"              // paragraphs a one-dispute handout leaves out
	msgDisputeUnits        render.Message = "dispute-units"         // %d units in a dispute, for its entry in the list
	msgNumberedPassages    render.Message = "numbered-passages"     // the note that explains the numbers in print
)

// pageMessages is the reader's table: English and Chinese; for any other
// language of a corpus the page uses English and says so once.
var pageMessages = render.Table{
	argmap.English: {
		msgSkipToMap: "Skip to the map", msgReadingOptions: "Reading options", msgLanguage: "Language",
		msgLanguageButton: "EN", msgTypeSize: "Type size", msgLargeType: "Large type, for a projector", msgTypeGlyph: "A",
		msgExercise: "Exercise", msgHideAnswers: "Hide the answers", msgRevealAll: "Reveal all",
		msgReveal: "Reveal", msgRevealParagraph: "Reveal %s", msgRevealDispute: "Reveal the dispute: %s",
		msgFallback:   "argmap has no strings in %s: the page's own words are in English.",
		msgTheLetters: "The letters", msgMapAndUnits: "Map and units", msgDisputes: "Disputes", msgWholeMap: "The whole map",
		msgFitMap:  "Fit map to panel",
		msgMapHelp: "Click a node to find its passage; click a passage to find its node. Arrow keys move between nodes.",
		msgUnits:   "Units", msgPassages: "Passages", msgWarnings: "Warnings and notes from validation: %d",
		msgCannotRead: "The map cannot be read", msgNotValid: "The annotations do not validate. Errors: %d",
		msgComesBack: "The map comes back as soon as a save fixes this.", msgInvalidTitle: "argmap: invalid annotations",
		msgPlace: "%s, %s, %s", msgReporting: "%s, reporting %s, %s", msgCommunique: "Communiqué, %s",
		msgRebuttedBy: "rebutted by", msgUndercutBy: "undercut by", msgConcededBy: "conceded by", msgSupportedBy: "supported by",
		msgClose: "Close", msgShowOnMap: "Show on the map", msgUnitName: "%s %s (%s)",
		msgComparedTitle: "%s: a student's map beside the key", msgStudentMap: "Student's map (%s)", msgKeyMap: "Key (%s)",
		msgDifferences: "Differences", msgNoDifferences: "The student's map agrees with the key.",
		msgMissed: "Missed: %s", msgExtra: "Not in the key: %s", msgKindDiffers: "%s is a %s; the key has a %s",
		msgMissingRelation: "Missing relation: %s %s %s", msgExtraRelation: "Relation not in the key: %s %s %s",
		msgRelationTypeDiffers: "Relation of another type: %s %s %s; the key has %s %s %s",
		msgMatches:             "matches the key's %s", msgScores: "%d of %d key units matched; kinds kappa %s; relations F1 %.2f",
		msgKappaUndefined: "undefined", msgLegendMissed: "missed", msgLegendExtra: "not in the key",
		msgLegendDiffers: "kind differs", msgDisputeOf: "A dispute of %s", msgLeftOut: "[paragraphs left out]",
		msgDisputeUnits:     "%d units",
		msgNumberedPassages: "Each number marks a unit: the same number is on its passage, its node and its entry in the list of units.",
	},
	argmap.Chinese: {
		msgSkipToMap: "跳到论证图", msgReadingOptions: "阅读选项", msgLanguage: "语言",
		msgLanguageButton: "中文", msgTypeSize: "字号", msgLargeType: "大字号，供投影使用", msgTypeGlyph: "字",
		msgExercise: "练习", msgHideAnswers: "隐藏答案", msgRevealAll: "全部显示",
		msgReveal: "显示", msgRevealParagraph: "显示%s", msgRevealDispute: "显示争议：%s",
		msgFallback:   "argmap 没有 %s 的界面文字：本页自身的文字为英文。",
		msgTheLetters: "信件", msgMapAndUnits: "论证图与单元", msgDisputes: "争议", msgWholeMap: "完整论证图",
		msgFitMap:  "论证图适应面板",
		msgMapHelp: "点击节点可找到其段落；点击段落可找到其节点。方向键可在节点之间移动。",
		msgUnits:   "单元", msgPassages: "段落原文", msgWarnings: "校验给出 %d 条警告和说明",
		msgCannotRead: "无法读取论证图", msgNotValid: "标注未通过校验：%d 个错误",
		msgComesBack: "保存修正后，论证图即会恢复。", msgInvalidTitle: "argmap：标注无效",
		msgPlace: "%s，%s，%s", msgReporting: "%s，转述%s%s", msgCommunique: "公报，%s",
		msgRebuttedBy: "被反驳于", msgUndercutBy: "被削弱于", msgConcededBy: "被承认于", msgSupportedBy: "被支持于",
		msgClose: "关闭", msgShowOnMap: "在论证图中显示", msgUnitName: "%s %s（%s）",
		msgComparedTitle: "%s：学生的论证图与答案对照", msgStudentMap: "学生的论证图（%s）", msgKeyMap: "答案（%s）",
		msgDifferences: "差异", msgNoDifferences: "学生的论证图与答案一致。",
		msgMissed: "遗漏：%s", msgExtra: "答案中没有：%s", msgKindDiffers: "%s 是%s；答案中是%s",
		msgMissingRelation: "缺少关系：%s %s %s", msgExtraRelation: "答案中没有的关系：%s %s %s",
		msgRelationTypeDiffers: "关系类型不同：%s %s %s；答案中是 %s %s %s",
		msgMatches:             "对应答案中的 %s", msgScores: "答案的 %[2]d 个单元中匹配了 %[1]d 个；类型 kappa %[3]s；关系 F1 %.2[4]f",
		msgKappaUndefined: "无定义", msgLegendMissed: "遗漏", msgLegendExtra: "答案中没有",
		msgLegendDiffers: "类型不同", msgDisputeOf: "%s 的一项争议", msgLeftOut: "［其余段落从略］",
		msgDisputeUnits:     "%d 个单元",
		msgNumberedPassages: "每个编号标记一个单元：同一编号出现在其段落、其节点和单元列表中。",
	},
}

// passive names each relation seen from its target.
var passive = map[argmap.RelationType]render.Message{
	argmap.Rebuts:    msgRebuttedBy,
	argmap.Undercuts: msgUndercutBy,
	argmap.Concedes:  msgConcededBy,
	argmap.Supports:  msgSupportedBy,
}

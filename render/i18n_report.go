package render

import "github.com/argmap/argmap/argmap"

// The messages of the class report (argmap compare --format html). They
// live in tables of their own, beside the diagram's, and join the same
// per-language tables, so that Say finds them and the completeness test
// checks them.
const (
	MsgClassReport       Message = "class-report" // %s map title
	MsgReportKeyFile     Message = "report-key-file"
	MsgAssignment        Message = "assignment"
	MsgWholeKey          Message = "whole-key"
	MsgAssignedDispute   Message = "assigned-dispute" // %s dispute id
	MsgStudentCount      Message = "student-count"    // %d students, %d compared, %d invalid
	MsgReportMethod      Message = "report-method"
	MsgStudents          Message = "students"
	MsgStudent           Message = "student"
	MsgStatus            Message = "status"
	MsgStatusOK          Message = "status-ok"
	MsgStatusInvalid     Message = "status-invalid"
	MsgUnitsMatched      Message = "units-matched"
	MsgExtraUnits        Message = "extra-units"
	MsgOutsideUnits      Message = "outside-units"
	MsgKappa             Message = "kappa"
	MsgRelationsMatched  Message = "relations-matched"
	MsgPrecision         Message = "precision"
	MsgRecall            Message = "recall"
	MsgF1                Message = "f1"
	MsgTypeDifferences   Message = "type-differences"
	MsgClassPooled       Message = "class-pooled"
	MsgByParagraph       Message = "by-paragraph"
	MsgByDispute         Message = "by-dispute"
	MsgParagraph         Message = "paragraph"
	MsgDispute           Message = "dispute"
	MsgNoDispute         Message = "no-dispute"
	MsgUndefined         Message = "undefined"
	MsgTrouble           Message = "trouble"       // %d students compared
	MsgMissedBy          Message = "missed-by"     // %s students
	MsgGaveInstead       Message = "gave-instead"  // %s student, %s kind or type
	MsgStudentCountShort Message = "student-times" // %d students
	MsgNoTrouble         Message = "no-trouble"
	MsgInvalidFiles      Message = "invalid-files"
	MsgErrorCount        Message = "error-count" // %d errors
	MsgOneError          Message = "one-error"
	MsgLabelled          Message = "labelled"    // %s label, %s text: "ana: no disagreement"
	MsgMoreErrors        Message = "more-errors" // %d more, %s file
	MsgDisagreementsOf   Message = "disagreements-of"
	MsgDisagreementCount Message = "disagreement-count" // %d disagreements
	MsgOneDisagreement   Message = "one-disagreement"
	MsgNoDisagreement    Message = "no-disagreement"
	MsgDisagreement      Message = "disagreement"
	MsgInKey             Message = "in-key"
	MsgInStudentMap      Message = "in-student-map"
	MsgPassage           Message = "passage"
	MsgMissingUnit       Message = argmap.MissingUnit
	MsgExtraUnit         Message = argmap.ExtraUnit
	MsgKindDiffers       Message = argmap.KindDiffers
	MsgMissingRelation   Message = argmap.MissingRelation
	MsgExtraRelation     Message = argmap.ExtraRelation
	MsgRelationDiffers   Message = argmap.RelationTypeDiffers
)

var reportMessages = map[argmap.Lang]map[Message]string{
	argmap.English: {
		MsgClassReport: "%s: class report", MsgReportKeyFile: "Key", MsgAssignment: "Assignment",
		MsgWholeKey: "the whole key", MsgAssignedDispute: "dispute %s",
		MsgStudentCount: "%d students: %d compared, %d whose file does not validate",
		MsgReportMethod: "A student's unit matches a unit of the key when their quotes overlap in the same paragraph. " +
			"Kappa (Cohen's) compares the kinds of matched units. A relation matches when its two units match and its type agrees; " +
			"the same units linked by another type count as a type difference. The class's figures add up the units and relations of every student compared.",
		MsgStudents: "Students", MsgStudent: "Student", MsgStatus: "Status", MsgStatusOK: "ok", MsgStatusInvalid: "invalid",
		MsgUnitsMatched: "Units matched", MsgExtraUnits: "Extra units", MsgOutsideUnits: "Outside the assignment",
		MsgKappa: "Kappa (kinds)", MsgRelationsMatched: "Relations matched", MsgPrecision: "Precision", MsgRecall: "Recall",
		MsgF1: "F1", MsgTypeDifferences: "Type differences", MsgClassPooled: "Class (pooled)",
		MsgByParagraph: "By paragraph", MsgByDispute: "By dispute", MsgParagraph: "Paragraph", MsgDispute: "Dispute",
		MsgNoDispute: "(no dispute)", MsgUndefined: "undefined",
		MsgTrouble: "Most often missed or mistyped, of %d students compared", MsgMissedBy: "missed by %s",
		MsgGaveInstead: "%s gave %s instead", MsgStudentCountShort: "%d×", MsgNoTrouble: "Every student compared found every unit and relation of the key.",
		MsgInvalidFiles: "Files that do not validate", MsgErrorCount: "%d errors", MsgOneError: "1 error", MsgLabelled: "%s: %s", MsgMoreErrors: "and %d more: argmap validate %s lists them",
		MsgDisagreementsOf: "Each student's disagreements", MsgDisagreementCount: "%d disagreements", MsgOneDisagreement: "1 disagreement", MsgNoDisagreement: "no disagreement",
		MsgDisagreement: "Disagreement", MsgInKey: "In the key", MsgInStudentMap: "In the student's map", MsgPassage: "Passage",
		MsgMissingUnit: "missing unit", MsgExtraUnit: "extra unit", MsgKindDiffers: "kind differs",
		MsgMissingRelation: "missing relation", MsgExtraRelation: "extra relation", MsgRelationDiffers: "relation type differs",
	},
	argmap.Chinese: {
		MsgClassReport: "%s：全班报告", MsgReportKeyFile: "答案", MsgAssignment: "作业范围",
		MsgWholeKey: "整份答案", MsgAssignedDispute: "争议 %s",
		MsgStudentCount: "学生%d人：已比较%d人，%d人的文件未通过校验",
		MsgReportMethod: "学生的单元与答案的单元在同一段落中引文重叠，即为匹配。Kappa（科恩系数）比较匹配单元的种类。" +
			"关系的两端单元都匹配且类型相同，即为匹配；两端相同而类型不同，计为类型不同。全班数字合计所有已比较学生的单元和关系。",
		MsgStudents: "学生", MsgStudent: "学生", MsgStatus: "状态", MsgStatusOK: "有效", MsgStatusInvalid: "无效",
		MsgUnitsMatched: "匹配单元", MsgExtraUnits: "多余单元", MsgOutsideUnits: "作业范围外",
		MsgKappa: "种类 Kappa", MsgRelationsMatched: "匹配关系", MsgPrecision: "精确率", MsgRecall: "召回率",
		MsgF1: "F1", MsgTypeDifferences: "类型不同", MsgClassPooled: "全班（合计）",
		MsgByParagraph: "按段落", MsgByDispute: "按争议", MsgParagraph: "段落", MsgDispute: "争议",
		MsgNoDispute: "（不属任何争议）", MsgUndefined: "无定义",
		MsgTrouble: "最常遗漏或判错之处（已比较学生%d人）", MsgMissedBy: "%s遗漏",
		MsgGaveInstead: "%s标为%s", MsgStudentCountShort: "%d人", MsgNoTrouble: "已比较的学生都找到了答案中的所有单元和关系。",
		MsgInvalidFiles: "未通过校验的文件", MsgErrorCount: "%d个错误", MsgOneError: "1个错误", MsgLabelled: "%s：%s", MsgMoreErrors: "另有%d个：argmap validate %s 可列出全部",
		MsgDisagreementsOf: "每位学生的分歧", MsgDisagreementCount: "%d处分歧", MsgOneDisagreement: "1处分歧", MsgNoDisagreement: "没有分歧",
		MsgDisagreement: "分歧", MsgInKey: "答案中", MsgInStudentMap: "学生图中", MsgPassage: "原文",
		MsgMissingUnit: "缺少单元", MsgExtraUnit: "多余单元", MsgKindDiffers: "种类不同",
		MsgMissingRelation: "缺少关系", MsgExtraRelation: "多余关系", MsgRelationDiffers: "关系类型不同",
	},
}

// reportClashes lists the report's keys that the diagram's tables already
// have; a test keeps it empty, so that neither table overrides the other.
var reportClashes []Message

func init() {
	for lang, table := range reportMessages {
		if messages[lang] == nil {
			messages[lang] = map[Message]string{}
		}
		for k, v := range table {
			if _, clash := messages[lang][k]; clash {
				reportClashes = append(reportClashes, k)
				continue
			}
			messages[lang][k] = v
		}
	}
}

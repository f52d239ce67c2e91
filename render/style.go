package render

import "github.com/argmap/argmap/argmap"

// Style is how a kind of unit or relation looks. The colours are from the
// Okabe–Ito palette, which colour-blind readers tell apart; shapes and line
// styles differ too, so the diagram also reads in greyscale print.
type Style struct {
	Shape, NodeStyle, Fill, Line string // nodes
	EdgeStyle, Arrow, PenWidth   string // edges
}

// KindStyles maps each unit kind to its look.
var KindStyles = map[argmap.Kind]Style{
	argmap.Claim:      {Shape: "box", NodeStyle: "rounded,filled", Fill: "#E1EEF8", Line: "#0072B2"},
	argmap.Rebuttal:   {Shape: "hexagon", NodeStyle: "filled", Fill: "#FBE3D3", Line: "#D55E00"},
	argmap.Concession: {Shape: "note", NodeStyle: "filled", Fill: "#DDF1EA", Line: "#009E73"},
}

// RelationStyles maps each relation type to its look.
var RelationStyles = map[argmap.RelationType]Style{
	argmap.Rebuts:    {Line: "#D55E00", EdgeStyle: "solid", Arrow: "normal", PenWidth: "2.2"},
	argmap.Undercuts: {Line: "#D55E00", EdgeStyle: "dashed", Arrow: "tee", PenWidth: "1.6"},
	argmap.Concedes:  {Line: "#009E73", EdgeStyle: "dotted", Arrow: "empty", PenWidth: "2.2"},
	argmap.Supports:  {Line: "#0072B2", EdgeStyle: "solid", Arrow: "normal", PenWidth: "1.0"},
}

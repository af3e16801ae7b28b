// Package figure draws the line charts of Spindle's example programs with
// gonum/plot: titled, labelled axes with units, a legend, and markers
// (vertical and horizontal reference lines, shaded bands). It is shared by
// the quick start and the benchmark runners; library packages never import
// it.
package figure

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colour is a colour of the palette.
type Colour = color.Color

// Palette holds distinguishable colours (Okabe–Ito, safe for colour-blind
// readers).
var (
	Blue   = color.RGBA{0, 114, 178, 255}
	Orange = color.RGBA{230, 159, 0, 255}
	Green  = color.RGBA{0, 158, 115, 255}
	Red    = color.RGBA{213, 94, 0, 255}
	Purple = color.RGBA{204, 121, 167, 255}
	Sky    = color.RGBA{86, 180, 233, 255}
	Grey   = color.RGBA{110, 110, 110, 255}
	Black  = color.RGBA{0, 0, 0, 255}
)

// Figure is one chart under construction. Its legend is drawn to the right
// of the data, never over it.
type Figure struct {
	p        *plot.Plot
	vlines   []ref
	hlines   []ref
	notes    []note
	headroom float64
	err      error
}

type ref struct {
	label  string
	at     float64
	c      color.Color
	dashed bool
	text   string // written beside the line in the chart; "" for none
}

// note is a text written at a data point.
type note struct {
	x, y float64
	text string
	c    color.Color
}

// New returns an empty chart; put units in the axis labels, e.g.
// "time (h)".
func New(title, xlabel, ylabel string) *Figure {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.Top = true
	p.Legend.Left = true
	p.X.Tick.Marker = niceTicks{}
	p.Y.Tick.Marker = niceTicks{}
	p.Add(plotter.NewGrid())
	return &Figure{p: p}
}

// LogY draws the y axis on a log scale (every value shown must be > 0).
func (f *Figure) LogY() {
	f.p.Y.Scale = plot.LogScale{}
	f.p.Y.Tick.Marker = logTicks{}
}

// Headroom leaves frac of the y range free above the data (on a log axis,
// frac of the decades), e.g. for the texts of Mark.
func (f *Figure) Headroom(frac float64) { f.headroom = frac }

// XRange fixes the x axis to [lo, hi].
func (f *Figure) XRange(lo, hi float64) { f.p.X.Min, f.p.X.Max = lo, hi }

// YRange fixes the y axis to [lo, hi].
func (f *Figure) YRange(lo, hi float64) { f.p.Y.Min, f.p.Y.Max = lo, hi }

func xys(x, y []float64) plotter.XYs {
	if len(x) != len(y) {
		panic(fmt.Sprintf("figure: %d x values, %d y values", len(x), len(y)))
	}
	pts := make(plotter.XYs, 0, len(x))
	for i := range x {
		if !math.IsNaN(y[i]) && !math.IsInf(y[i], 0) {
			pts = append(pts, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	return pts
}

// Line adds a line through (x[i], y[i]), skipping non-finite y; an empty
// label leaves it out of the legend.
func (f *Figure) Line(label string, x, y []float64, c color.Color, dashed bool) {
	pts := xys(x, y)
	if len(pts) == 0 {
		return
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		f.err = err
		return
	}
	l.Color = c
	l.Width = vg.Points(1.2)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	f.p.Add(l)
	if label != "" {
		f.p.Legend.Add(label, l)
	}
}

// Points adds markers at (x[i], y[i]).
func (f *Figure) Points(label string, x, y []float64, c color.Color) {
	pts := xys(x, y)
	if len(pts) == 0 {
		return
	}
	s, err := plotter.NewScatter(pts)
	if err != nil {
		f.err = err
		return
	}
	s.GlyphStyle.Color = c
	s.GlyphStyle.Radius = vg.Points(2.5)
	s.GlyphStyle.Shape = draw.CircleGlyph{}
	f.p.Add(s)
	if label != "" {
		f.p.Legend.Add(label, s)
	}
}

// Band shades the region between lo[i] and hi[i] over x[i] in a
// translucent tint of c.
func (f *Figure) Band(label string, x, lo, hi []float64, c color.Color) {
	if len(x) != len(lo) || len(x) != len(hi) {
		panic("figure: band slices of different lengths")
	}
	var ring plotter.XYs
	for i := range x {
		if finite(lo[i]) && finite(hi[i]) {
			ring = append(ring, plotter.XY{X: x[i], Y: lo[i]})
		}
	}
	for i := len(x) - 1; i >= 0; i-- {
		if finite(lo[i]) && finite(hi[i]) {
			ring = append(ring, plotter.XY{X: x[i], Y: hi[i]})
		}
	}
	if len(ring) < 3 {
		return
	}
	poly, err := plotter.NewPolygon(ring)
	if err != nil {
		f.err = err
		return
	}
	poly.Color = tint(c)
	poly.LineStyle.Width = 0
	f.p.Add(poly)
	if label != "" {
		f.p.Legend.Add(label, poly)
	}
}

// Polygon shades the polygon through (x[i], y[i]) in a translucent tint
// of c, e.g. a forecast cone.
func (f *Figure) Polygon(label string, x, y []float64, c color.Color) {
	poly, err := plotter.NewPolygon(xys(x, y))
	if err != nil {
		f.err = err
		return
	}
	poly.Color = tint(c)
	poly.LineStyle.Width = 0
	f.p.Add(poly)
	if label != "" {
		f.p.Legend.Add(label, poly)
	}
}

// Span shades the vertical strip lo ≤ x ≤ hi over the whole height.
func (f *Figure) Span(label string, lo, hi float64, c color.Color) {
	f.vlines = append(f.vlines, ref{label: label, at: lo, c: c}, ref{at: hi, c: nil})
}

// VLine adds a vertical reference line at x = at.
func (f *Figure) VLine(label string, at float64, c color.Color, dashed bool) {
	f.vlines = append(f.vlines, ref{label: label, at: at, c: c, dashed: dashed})
}

// HLine adds a horizontal reference line at y = at.
func (f *Figure) HLine(label string, at float64, c color.Color, dashed bool) {
	f.hlines = append(f.hlines, ref{label: label, at: at, c: c, dashed: dashed})
}

// Mark adds a vertical line at x = at with text written up its top end in
// the chart (e.g. "BPFO", "2× shaft") and label in the legend ("" for
// none).
func (f *Figure) Mark(label, text string, at float64, c color.Color, dashed bool) {
	f.vlines = append(f.vlines, ref{label: label, at: at, c: c, dashed: dashed, text: text})
}

// HMark adds a horizontal line at y = at with text written above its left
// end (e.g. "alarm level 1.035").
func (f *Figure) HMark(label, text string, at float64, c color.Color, dashed bool) {
	f.hlines = append(f.hlines, ref{label: label, at: at, c: c, dashed: dashed, text: text})
}

// Note writes text at the data point (x, y), starting just right of it.
func (f *Figure) Note(x, y float64, text string, c color.Color) {
	f.notes = append(f.notes, note{x, y, text, c})
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func tint(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 60}
}

// finish adds the reference lines and texts across the data's range.
func (f *Figure) finish() error {
	if f.err != nil {
		return f.err
	}
	p := f.p
	if f.headroom > 0 {
		if _, ok := p.Y.Scale.(plot.LogScale); ok && p.Y.Min > 0 {
			p.Y.Max *= math.Pow(p.Y.Max/p.Y.Min, f.headroom)
		} else {
			p.Y.Max += f.headroom * (p.Y.Max - p.Y.Min)
		}
	}
	// Reference lines must not stretch the axes: widen them to include the
	// lines' positions, then draw each line across the resulting range.
	for _, r := range f.hlines {
		p.Y.Min, p.Y.Max = math.Min(p.Y.Min, r.at), math.Max(p.Y.Max, r.at)
	}
	for _, r := range f.vlines {
		p.X.Min, p.X.Max = math.Min(p.X.Min, r.at), math.Max(p.X.Max, r.at)
	}
	ylo, yhi, xlo, xhi := p.Y.Min, p.Y.Max, p.X.Min, p.X.Max
	f.mergeCloseTexts(0.02 * (xhi - xlo))
	for i := 0; i < len(f.vlines); i++ {
		r := f.vlines[i]
		if i+1 < len(f.vlines) && f.vlines[i+1].c == nil { // a Span
			hi := f.vlines[i+1].at
			f.Band(r.label, []float64{r.at, hi}, []float64{ylo, ylo}, []float64{yhi, yhi}, r.c)
			i++
			continue
		}
		f.Line(r.label, []float64{r.at, r.at}, []float64{ylo, yhi}, r.c, r.dashed)
		if r.text != "" {
			f.text(r.at, yhi, r.text, r.c, math.Pi/2, text.XRight, text.YTop)
		}
	}
	for _, r := range f.hlines {
		f.Line(r.label, []float64{xlo, xhi}, []float64{r.at, r.at}, r.c, r.dashed)
		if r.text != "" {
			f.text(xlo, r.at, " "+r.text, r.c, 0, text.XLeft, text.YBottom)
		}
	}
	for _, n := range f.notes {
		f.text(n.x, n.y, " "+n.text, n.c, 0, text.XLeft, text.YCenter)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xlo, xhi, ylo, yhi
	return f.err
}

// mergeCloseTexts joins the texts of vertical lines closer than gap
// (data units) into the first one's text, "3×BPFO, 2×BPFI", so that they
// do not overprint.
func (f *Figure) mergeCloseTexts(gap float64) {
	var idx []int
	for i, r := range f.vlines {
		if r.text != "" {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return f.vlines[idx[a]].at < f.vlines[idx[b]].at })
	lead := -1
	for _, i := range idx {
		if lead >= 0 && f.vlines[i].at-f.vlines[lead].at < gap {
			f.vlines[lead].text += ", " + f.vlines[i].text
			f.vlines[i].text = ""
			continue
		}
		lead = i
	}
}

// text writes s at the data point (x, y).
func (f *Figure) text(x, y float64, s string, c color.Color, rot float64, xa text.XAlignment, ya text.YAlignment) {
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: y}}, Labels: []string{s}})
	if err != nil {
		f.err = err
		return
	}
	st := &l.TextStyle[0]
	st.Color, st.Rotation, st.XAlign, st.YAlign = c, rot, xa, ya
	st.Font.Size = vg.Points(9)
	f.p.Add(l)
}

// Width and Height are the size of a saved chart.
const (
	Width  = 8 * vg.Inch
	Height = 4.5 * vg.Inch
)

// Save draws the reference lines across the data's range and writes the
// chart, Width × Height, as PNG, SVG or PDF by the file's extension.
func (f *Figure) Save(path string) error {
	return SaveStack(path, []float64{1}, f)
}

// SaveStack writes panels one above the other in one image of width Width
// and height Height times the sum of heights (each panel's share, in
// charts), as PNG, SVG or PDF by the file's extension. The legends of all
// panels take one column of one width on the right, so the panels' x axes
// line up.
func SaveStack(path string, heights []float64, panels ...*Figure) error {
	if len(heights) != len(panels) {
		panic("figure: SaveStack with a height per panel needed")
	}
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	switch format {
	case "png", "svg", "pdf":
	default:
		return fmt.Errorf("figure: %s: unknown image format (use .png, .svg or .pdf)", path)
	}
	total := 0.0
	for i, f := range panels {
		if err := f.finish(); err != nil {
			return err
		}
		total += heights[i]
	}
	cw, err := draw.NewFormattedCanvas(Width, vg.Length(total)*Height, format)
	if err != nil {
		return err
	}
	dc := draw.New(cw)
	var legendW vg.Length
	for _, f := range panels {
		r := f.p.Legend.Rectangle(dc)
		legendW = max(legendW, r.Max.X-r.Min.X)
	}
	if legendW > 0 {
		legendW += vg.Points(12)
	}
	// Each panel's canvas; their data areas are then lined up on the
	// widest y-axis margin.
	canvases := make([]draw.Canvas, len(panels))
	top := dc.Max.Y
	var margin vg.Length
	for i, f := range panels {
		h := vg.Length(heights[i]/total) * (dc.Max.Y - dc.Min.Y)
		canvases[i] = draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: dc.Min.X, Y: top - h}, Max: vg.Point{X: dc.Max.X, Y: top}}}
		top -= h
		margin = max(margin, f.p.DataCanvas(draw.Crop(canvases[i], 0, -legendW, 0, 0)).Min.X-dc.Min.X)
	}
	for i, f := range panels {
		c := canvases[i]
		shift := margin - (f.p.DataCanvas(draw.Crop(c, 0, -legendW, 0, 0)).Min.X - dc.Min.X)
		leg := f.p.Legend
		f.p.Legend = plot.NewLegend()
		f.p.Draw(draw.Crop(c, shift, -legendW, 0, 0))
		f.p.Legend = leg
		leg.YOffs = -f.p.Title.TextStyle.Height(f.p.Title.Text) - vg.Points(8)
		leg.Draw(draw.Crop(c, c.Max.X-c.Min.X-legendW+vg.Points(6), 0, 0, 0))
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := cw.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

package province

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hallq/server/report"
)

//go:embed templates/*.html
var templateFS embed.FS

var pageNames = []string{"login", "ranking", "services", "day", "error", "password"}

var pages = func() map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t := template.New("layout.html").Funcs(funcs)
		out[name] = template.Must(t.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
	}
	return out
}()

// page is what every page's layout reads.
type page struct {
	Title string
	User  string
	Nav   string
	Data  any
}

func (s *Service) render(w http.ResponseWriter, r *http.Request, name, title string, data any) {
	var buf bytes.Buffer
	if err := pages[name].Execute(&buf, page{Title: title, User: user(r), Nav: name, Data: data}); err != nil {
		s.log.Error("province: render", "page", name, "err", err)
		http.Error(w, "Lỗi hiển thị trang. (Page error.)", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

func (s *Service) pageError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("province: page", "err", err)
	w.WriteHeader(http.StatusInternalServerError)
	s.render(w, r, "error", "Lỗi", "Lỗi máy chủ tỉnh, hãy thử lại. (Province server error; try again.)")
}

type rankingData struct {
	Ranking
	Kinds []struct{ Kind, Label string }
}

func (s *Service) rankingPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.period(w, r)
	if !ok {
		return
	}
	rk, err := s.ranking(r.Context(), p)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, "ranking", "Xếp hạng các sảnh", rankingData{Ranking: rk, Kinds: periodKinds})
}

type servicesData struct {
	ServiceComparison
	Kinds []struct{ Kind, Label string }
}

func (s *Service) servicesPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.period(w, r)
	if !ok {
		return
	}
	sc, err := s.services(r.Context(), p)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, "services", "So sánh theo dịch vụ", servicesData{ServiceComparison: sc, Kinds: periodKinds})
}

func (s *Service) dayPage(w http.ResponseWriter, r *http.Request) {
	h, date, ok := s.hallDay(w, r, r.URL.Query().Get("date"))
	if !ok {
		return
	}
	v, err := s.day(r.Context(), h, date)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, "day", h.Name, v)
}

var funcs = template.FuncMap{
	"pct":   pct,
	"count": count,
	"dur":   dur,
	"date": func(d string) string {
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return d
		}
		return t.Format("02/01/2006")
	},
	"when": func(t *time.Time) string {
		if t == nil {
			return "chưa bao giờ"
		}
		return t.Format("15:04 02/01/2006")
	},
	"level": func(l report.Levels, n int) int { return l.Count(n) },
	"join":  func(s []string) string { return strings.Join(s, ", ") },
	"state": func(s string) string { return states[s] },
	"grade": func(v *float64) string {
		switch {
		case v == nil:
			return "idx-none"
		case *v >= 90:
			return "idx-high"
		case *v >= 70:
			return "idx-mid"
		}
		return "idx-low"
	},
}

var states = map[string]string{"waiting": "Đang chờ", "called": "Đang phục vụ", "finished": "Đã xong",
	"no_show": "Vắng mặt", "held": "Tạm giữ", "expired": "Hết hạn"}

// pct writes a percentage the Vietnamese way (88,02 %), or — for none.
func pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', 2, 64), ".", ",", 1) + " %"
}

// count writes an integer with dots between thousands (12.345).
func count(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + count(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// dur writes seconds as minutes and seconds (6 phút 05 giây), or —.
func dur(s *int) string {
	if s == nil {
		return "—"
	}
	if *s < 60 {
		return fmt.Sprintf("%d giây", *s)
	}
	return fmt.Sprintf("%d phút %02d giây", *s/60, *s%60)
}

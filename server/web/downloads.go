package web

import (
	"html/template"
	"net/url"
)

// downloads are a report page's download links: xlsx, csv, the csv for
// Vietnamese-locale Excel and the JSON (templates/_work.html, "downloads").
type downloads struct {
	XLSX, CSV, CSVVN, JSON template.URL
}

// downloadLinks builds the links of report kind ("daily", "monthly",
// "yearly", "range") for query.
func downloadLinks(kind string, query url.Values) downloads {
	q := query.Encode()
	// The paths and keys are fixed and the values encoded: safe URLs.
	return downloads{
		XLSX:  template.URL("/reports/" + kind + ".xlsx?" + q),
		CSV:   template.URL("/reports/" + kind + ".csv?" + q),
		CSVVN: template.URL("/reports/" + kind + ".csv?" + q + "&sep=semicolon"),
		JSON:  template.URL("/api/reports/" + kind + "?" + q),
	}
}

package province

import "net/http"

func (s *Service) routes(mux *http.ServeMux) {}

package web

func (s *Server) appointmentPages() {}

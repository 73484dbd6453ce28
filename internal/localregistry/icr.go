package localregistry

import (
	"net/http"
	"strconv"
	"strings"
)

// ICR endpoints (International Carbon Registry), under /icr:
//
//	GET /icr/v1/retirements?limit=&page=   {"retirements":[...],"pagination":{...}}
//	GET /icr/v1/retirements/{id}           {"retirement":{...}}  (404 {"message":...} when unknown)
//	GET /icr/v1/{id}/retirements           {"retirements":[...]} (entity = organizationId or organizationOwner.id)
//
// Auth: Authorization: Bearer <seed.icr.token> (401 otherwise). Lists are ordered newest first
// (createdAt descending, then seed order).
func (r *Registry) icrRoutes(mux *http.ServeMux) {
	h := func(pattern string, fn func(w http.ResponseWriter, req *http.Request)) {
		mux.HandleFunc(strings.Replace(pattern, " /", " "+ICRPrefix+"/", 1), func(w http.ResponseWriter, req *http.Request) {
			r.mu.Lock()
			defer r.mu.Unlock()
			tok := ""
			if r.st.ICR != nil {
				tok = r.st.ICR.Token
			}
			scheme, given, _ := strings.Cut(req.Header.Get("Authorization"), " ")
			if tok == "" || !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(given) != tok {
				writeJSON(w, http.StatusUnauthorized, map[string]any{"statusCode": 401, "message": "Unauthorized: missing or invalid access token"}, nil)
				return
			}
			fn(w, req)
		})
	}
	h("GET /v1/retirements", func(w http.ResponseWriter, req *http.Request) {
		all := r.icrSorted()
		limit, page := 10, 1
		if s := req.URL.Query().Get("limit"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				writeJSON(w, http.StatusBadRequest, map[string]any{"statusCode": 400, "message": "limit must be a positive integer"}, nil)
				return
			}
			limit = n
		}
		if s := req.URL.Query().Get("page"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				writeJSON(w, http.StatusBadRequest, map[string]any{"statusCode": 400, "message": "page must be a positive integer"}, nil)
				return
			}
			page = n
		}
		total := len(all)
		pageCount := (total + limit - 1) / limit
		start := (page - 1) * limit
		if start > total {
			start = total
		}
		end := start + limit
		if end > total {
			end = total
		}
		next, prev := 0, page-1
		if page < pageCount {
			next = page + 1
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"retirements": all[start:end],
			"pagination":  map[string]any{"total": total, "currentPage": page, "pageCount": pageCount, "nextPage": next, "prevPage": prev},
		}, nil)
	})
	// "/v1/retirements/{id}" and "/v1/{id}/retirements" overlap in ServeMux: dispatch by hand.
	h("GET /v1/{a}/{b}", func(w http.ResponseWriter, req *http.Request) {
		a, b := req.PathValue("a"), req.PathValue("b")
		switch {
		case a == "retirements":
			icrGet(w, r, b)
		case b == "retirements":
			icrEntity(w, r, a)
		default:
			writeJSON(w, http.StatusNotFound, map[string]any{"statusCode": 404, "message": "Not Found"}, nil)
		}
	})
	mux.HandleFunc(ICRPrefix+"/", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]any{"statusCode": 404, "message": "Not Found"}, nil)
	})
}

func icrGet(w http.ResponseWriter, r *Registry, id string) {
	{
		for _, x := range r.icrSorted() {
			if x.ID == id {
				writeJSON(w, http.StatusOK, map[string]any{"retirement": x}, nil)
				return
			}
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"statusCode": 404, "message": "Retirement " + id + " not found"}, nil)
	}
}

func icrEntity(w http.ResponseWriter, r *Registry, id string) {
	{
		out := []*ICRRetirement{}
		for _, x := range r.icrSorted() {
			if x.OrganizationID == id || x.OrganizationOwner.ID == id {
				out = append(out, x)
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"retirements": out}, nil)
	}
}

func (r *Registry) icrSorted() []*ICRRetirement {
	out := []*ICRRetirement{}
	if r.st.ICR == nil {
		return out
	}
	n := len(r.st.ICR.Retirements)
	for i := range r.st.ICR.Retirements {
		out = append(out, r.st.ICR.Retirements[n-1-i])
	}
	// stable sort by createdAt descending (RFC 3339 strings in UTC sort lexically)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].CreatedAt > out[j-1].CreatedAt; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

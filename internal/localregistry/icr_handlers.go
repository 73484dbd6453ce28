package localregistry

import (
	"net/http"
	"strconv"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// The ICR (International Carbon Registry) retirement endpoints, under /icr (api/icr-retirements.md):
//
//	GET /icr/v1/retirements?limit=&page=   {"retirements":[...],"pagination":{...}}
//	GET /icr/v1/retirements/{id}           {"retirement":{...}}  (404 when unknown)
//	GET /icr/v1/{id}/retirements           {"retirements":[...]} (entity = organizationId or organizationOwner.id)
//
// Lists are ordered newest first: createdAt descending, later seed entries first among equal times.

// The answers are internal/client's ICR types. The client has no named types for the two
// envelopes below (it reads them into anonymous structs), so they are defined here, around
// client.ICRRetirement.

// icrOne is the answer of GET /v1/retirements/{id}.
type icrOne struct {
	Retirement client.ICRRetirement `json:"retirement"`
}

// icrList is the answer of GET /v1/{id}/retirements.
type icrList struct {
	Retirements []client.ICRRetirement `json:"retirements"`
}

func (r *Registry) listICRRetirements(req *http.Request) (any, error) {
	limit, err := icrPositive(req, "limit", 10)
	if err != nil {
		return nil, err
	}
	page, err := icrPositive(req, "page", 1)
	if err != nil {
		return nil, err
	}
	all := r.icrNewest
	total := len(all)
	pageCount := (total + limit - 1) / limit
	start := min((page-1)*limit, total)
	end := min(start+limit, total)
	next := 0
	if page < pageCount {
		next = page + 1
	}
	return client.ICRRetirementList{
		Retirements: views(all[start:end], icrRetirementView),
		Pagination:  client.ICRPagination{Total: int64(total), CurrentPage: page, PageCount: pageCount, NextPage: next, PrevPage: page - 1},
	}, nil
}

// icrPositive reads a positive integer query parameter (def when absent); 400 otherwise.
func icrPositive(req *http.Request, name string, def int) (int, error) {
	s := req.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, icrError(http.StatusBadRequest, name+" must be a positive integer")
	}
	return n, nil
}

// icrRetirementOrEntity serves GET /v1/{a}/{b}: /v1/retirements/{id} or /v1/{id}/retirements.
func (r *Registry) icrRetirementOrEntity(req *http.Request) (any, error) {
	a, b := req.PathValue("a"), req.PathValue("b")
	switch {
	case a == "retirements":
		return r.getICRRetirement(b)
	case b == "retirements":
		return r.listICREntityRetirements(a), nil
	default:
		return nil, icrError(http.StatusNotFound, "Not Found")
	}
}

func (r *Registry) getICRRetirement(id string) (any, error) {
	if x := r.icrByID[id]; x != nil {
		return icrOne{Retirement: icrRetirementView(x)}, nil
	}
	return nil, icrError(http.StatusNotFound, "Retirement "+id+" not found")
}

func (r *Registry) listICREntityRetirements(entityID string) any {
	mine := filter(r.icrNewest, func(x *SeedICRRetirement) bool {
		return x.OrganizationID == entityID || x.OrganizationOwner.ID == entityID
	})
	return icrList{Retirements: views(mine, icrRetirementView)}
}

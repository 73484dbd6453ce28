package localregistry

import (
	"io"
	"net/http"
	"strings"
)

// URL prefixes of the handler.
const (
	APIPrefix   = "/registry/v0"
	ICRPrefix   = "/icr"
	HooksPrefix = "/_localregistry"
)

// Handler returns the HTTP handler: the API under /registry/v0, the ICR endpoints under /icr, the
// test hooks under /_localregistry, and the HTML pages (pages.go) for a GET or HEAD of "/" or of
// any other path of one segment ("/ret_…"), which no route of the others has. API and ICR
// requests go through serveRecorded (faults and the request log); hook and page requests do not.
func (r *Registry) Handler() http.Handler {
	api := http.NewServeMux()
	r.apiRoutes(api)
	icr := http.NewServeMux()
	r.icrRoutes(icr)
	hooks := http.NewServeMux()
	r.hookRoutes(hooks)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		p := req.URL.Path
		switch {
		case p == HooksPrefix || strings.HasPrefix(p, HooksPrefix+"/"):
			hooks.ServeHTTP(w, req)
		case strings.HasPrefix(p, APIPrefix+"/"):
			r.serveRecorded(w, req, api)
		case strings.HasPrefix(p, ICRPrefix+"/"):
			r.serveRecorded(w, req, icr)
		case (req.Method == http.MethodGet || req.Method == http.MethodHead) && isPagePath(p):
			r.servePage(w, req)
		default:
			writeJSON(w, http.StatusNotFound, detailBody{Detail: "Not Found"}, nil)
		}
	})
}

// apiRoutes registers the 41 operations of the Isometric Registry API: GETs are in
// read_handlers.go, POSTs in transaction_handlers.go.
func (r *Registry) apiRoutes(mux *http.ServeMux) {
	h := func(pattern string, fn apiHandler) {
		mux.Handle(strings.Replace(pattern, " /", " "+APIPrefix+"/", 1), r.wrap(fn))
	}
	// Organisations.
	h("GET /organisation", r.getCurrentOrganisation)
	h("GET /organisations/{id}", r.getOrganisation)
	h("GET /organisations/{id}/credit_balance", r.getOrganisationCreditBalance)
	h("GET /organisations/{id}/credit_batches", r.listOrganisationCreditBatches)
	h("GET /organisations/{id}/orders", r.listOrganisationOrders)
	// Suppliers.
	h("GET /supplier", r.getCurrentSupplier)
	h("GET /suppliers", r.listSuppliers)
	h("GET /suppliers/{id}", r.getSupplier)
	h("GET /suppliers/{id}/deliveries", r.listSupplierDeliveries)
	h("GET /suppliers/{id}/issuances", r.listSupplierIssuances)
	h("GET /suppliers/{id}/orders", r.listSupplierOrders)
	h("GET /suppliers/{id}/projects", r.listSupplierProjects)
	// Projects.
	h("GET /projects", r.listProjects)
	h("GET /projects/{id}", r.getProject)
	h("GET /projects/{id}/documents", r.listProjectDocuments)
	// Credit batches, issuances, orders.
	h("GET /credit_batches/{id}", show(r.batchFromPath, r.batchView))
	h("GET /issuances", r.listIssuances)
	h("GET /issuances/{id}", show(r.issuanceFromPath, r.issuanceView))
	h("GET /issuances/{id}/credit_batches", r.getIssuanceCreditBatches)
	h("GET /orders/{id}", show(r.orderFromPath, r.orderView))
	h("GET /orders/{id}/deliveries", r.listOrderDeliveries)
	// Deliveries.
	h("GET /deliveries", r.listDeliveries)
	h("GET /deliveries/{id}", show(r.deliveryFromPath, r.deliveryView))
	h("GET /deliveries/{id}/credit_batches", showBatches(r, r.deliveryFromPath))
	h("POST /deliveries", r.createDelivery)
	// Transfers.
	h("GET /transfers", r.listTransfers)
	h("GET /transfers/{id}", show(r.transferFromPath, r.transferView))
	h("GET /transfers/{id}/credit_batches", showBatches(r, r.transferFromPath))
	h("POST /transfers", r.createTransfer)
	// Retirements.
	h("GET /retirements", r.listRetirements)
	h("GET /retirements/{id}", show(r.retirementFromPath, r.retirementView))
	h("GET /retirements/{id}/credit_batches", showBatches(r, r.retirementFromPath))
	h("POST /retirements", r.createRetirement)
	h("POST /retirements/from_oldest_credits", r.createRetirementFromOldest)
	// Refunds.
	h("GET /refunds/{id}", show(r.refundFromPath, r.refundView))
	h("GET /refunds/{id}/credit_batches", showBatches(r, r.refundFromPath))
	// Beneficiaries, transferees.
	h("GET /beneficiaries", r.listBeneficiaries)
	h("POST /beneficiary", r.createBeneficiary)
	h("GET /transferees", r.listTransferees)
	// Stripe.
	h("GET /stripe/configuration", r.getStripeConfiguration)
	h("POST /stripe/checkout", r.createStripeCheckout)

	// Anything else: 405 when the path exists for another method, else 404.
	mux.HandleFunc(APIPrefix+"/", func(w http.ResponseWriter, req *http.Request) {
		for _, m := range []string{"GET", "POST"} {
			if m == req.Method {
				continue
			}
			alt := req.Clone(req.Context())
			alt.Method = m
			if _, pattern := mux.Handler(alt); pattern != "" && pattern != APIPrefix+"/" {
				writeJSON(w, http.StatusMethodNotAllowed, detailBody{Detail: "Method Not Allowed"}, nil)
				return
			}
		}
		writeJSON(w, http.StatusNotFound, detailBody{Detail: "Not Found"}, nil)
	})
}

// icrRoutes registers the three ICR retirement endpoints (icr_handlers.go).
func (r *Registry) icrRoutes(mux *http.ServeMux) {
	mux.Handle("GET "+ICRPrefix+"/v1/retirements", r.wrapICR(r.listICRRetirements))
	// "/v1/retirements/{id}" and "/v1/{id}/retirements" overlap in ServeMux: icrRetirementOrEntity
	// tells them apart.
	mux.Handle("GET "+ICRPrefix+"/v1/{a}/{b}", r.wrapICR(r.icrRetirementOrEntity))
	mux.HandleFunc(ICRPrefix+"/", func(w http.ResponseWriter, req *http.Request) {
		writeErr(w, icrError(http.StatusNotFound, "Not Found"))
	})
}

// hookRoutes registers the HTTP form of the test hooks (hooks_http.go).
func (r *Registry) hookRoutes(mux *http.ServeMux) {
	h := func(pattern string, fn http.HandlerFunc) {
		mux.HandleFunc(strings.Replace(pattern, " /", " "+HooksPrefix+"/", 1), fn)
	}
	h("GET /requests", r.hookListRequests)
	h("DELETE /requests", r.hookResetRequests)
	h("GET /faults", r.hookListFaults)
	h("POST /faults", r.hookAddFault)
	h("DELETE /faults", r.hookClearFaults)
	h("GET /state", r.hookState)
	h("GET /credit_batches/{id}", r.hookCreditBatch)
	h("GET /retirements", r.hookRetirements)
	h("GET /transfers", r.hookTransfers)
	h("GET /deliveries", r.hookDeliveries)
	h("GET /beneficiaries/{org}", r.hookBeneficiaries)
	h("GET /balances/{org}", r.hookBalance)
	h("POST /reset", r.hookReset)
	h("POST /compact", r.hookCompact)
	mux.HandleFunc(HooksPrefix+"/", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusNotFound, detailBody{Detail: "Not Found"}, nil)
	})
}

// apiHandler answers one API request: a body to encode with status 200, or an error (an
// *apiError carries its status and body).
type apiHandler func(c *rctx) (any, error)

// wrap turns an apiHandler into an http.Handler: authentication, then the handler, under the
// registry lock (read-locked for a GET), then the answer (locked).
func (r *Registry) wrap(h apiHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		c := &rctx{req: req, q: req.URL.Query()}
		if req.Body != nil {
			c.body, _ = io.ReadAll(req.Body)
		}
		r.answerLocked(w, req, func() (any, error) {
			if err := r.authenticate(c); err != nil {
				return nil, err
			}
			return h(c)
		})
	}
}

// icrHandler answers one ICR request, like apiHandler.
type icrHandler func(req *http.Request) (any, error)

// wrapICR turns an icrHandler into an http.Handler: the ICR token check, then the handler, like
// wrap.
func (r *Registry) wrapICR(h icrHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		r.answerLocked(w, req, func() (any, error) {
			if err := r.authenticateICR(req); err != nil {
				return nil, err
			}
			return h(req)
		})
	}
}

// answerLocked runs fn under the registry lock (read-locked for GET and HEAD, else write-locked)
// and writes its answer once the lock is released: the answers are values of their own (views), so
// encoding them, possibly slowly, holds no one up. Before answering it waits until every committed
// change fn may have seen is on disk, so that no answer shows a change a crash could lose; a
// request that changes the state answers 500 when that fails.
func (r *Registry) answerLocked(w http.ResponseWriter, req *http.Request, fn func() (any, error)) {
	read := req.Method == http.MethodGet || req.Method == http.MethodHead
	if read {
		r.mu.RLock()
	} else {
		r.mu.Lock()
	}
	body, err := fn()
	need := r.lastCommitted()
	if read {
		r.mu.RUnlock()
	} else {
		r.mu.Unlock()
	}
	if derr := r.durable(need); derr != nil && !read && err == nil {
		err = persistError(derr)
	}
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, body, nil)
}

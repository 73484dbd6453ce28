package localregistry

import (
	"net/http"
	"strings"
)

// authenticate checks X-Client-Secret and the bearer token, and sets the acting organisation.
// Caller holds r.mu.
func (r *Registry) authenticate(c *rctx) error {
	secret := c.req.Header.Get("X-Client-Secret")
	if secret == "" {
		return detail(http.StatusUnauthorized, "Missing X-Client-Secret header")
	}
	if secret != r.st.ClientSecret {
		return detail(http.StatusUnauthorized, "Invalid X-Client-Secret")
	}
	auth := c.req.Header.Get("Authorization")
	if auth == "" {
		return unauthorized("Not authenticated: missing access token (Authorization: Bearer)")
	}
	scheme, token, _ := strings.Cut(auth, " ")
	if !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(token) == "" {
		return unauthorized("Invalid authentication credentials: expected Authorization: Bearer <access token>")
	}
	org, ok := r.tokens[strings.TrimSpace(token)]
	if !ok {
		return unauthorized("Invalid or expired access token")
	}
	c.org = org
	return nil
}

// authenticateICR checks the ICR bearer token (seed.icr.token; without one every request is
// refused). Caller holds r.mu.
func (r *Registry) authenticateICR(req *http.Request) error {
	tok := ""
	if r.st.ICR != nil {
		tok = r.st.ICR.Token
	}
	scheme, given, _ := strings.Cut(req.Header.Get("Authorization"), " ")
	if tok == "" || !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(given) != tok {
		return icrError(http.StatusUnauthorized, "Unauthorized: missing or invalid access token")
	}
	return nil
}

// ---- visibility: who may read which record (README.md, "Authentication and visibility") ----

func (r *Registry) supplierOrgOf(supplierID string) string {
	if s := r.suppliers[supplierID]; s != nil {
		return s.OrganisationID
	}
	return ""
}

func (r *Registry) canSeeOrder(org string, o *SeedOrder) bool {
	return o.BuyerOrganisationID == org || r.supplierOrgOf(o.SupplierID) == org
}

func (r *Registry) canSeeDelivery(org string, d *SeedDelivery) bool {
	o := r.orders[d.OrderID]
	return o != nil && r.canSeeOrder(org, o)
}

func canSeeRetirement(org string, x *SeedRetirement) bool {
	return x.OwnerOrganisationID == org || x.BeneficiaryOrganisationID == org
}

func canSeeTransfer(org string, x *SeedTransfer) bool {
	return x.FromOrganisationID == org || x.ToOrganisationID == org
}

func canSeeRefund(org string, x *SeedRefund) bool {
	return x.FromBufferPoolOrganisationID == org || x.ToOrganisationID == org
}

// requireSupplier is the acting organisation's supplier; 403 when it is not a supplier.
func (r *Registry) requireSupplier(c *rctx) (*SeedSupplier, error) {
	s := r.supByOrg[c.org]
	if s == nil {
		return nil, forbidden("Organisation %s is not a supplier; this endpoint is for suppliers only", c.org)
	}
	return s, nil
}

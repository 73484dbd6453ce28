package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// Expected values of registry objects, computed from a seed (what the registry must report).

// stringOrNull expects the string, or null for nil.
func stringOrNull(s *string) knownvalue.Check {
	if s == nil {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(*s)
}

// registryTime renders a seed time the way the registry does (RFC 3339, UTC).
func registryTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func orgFields(t *testing.T, x *seedIndex, id string) knownvalue.Check {
	o := must(t, x.orgs[id], "organisation", id)
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id": knownvalue.StringExact(o.ID), "name": knownvalue.StringExact(o.Name), "domain": stringOrNull(o.Domain),
	})
}

func locationFields(l *client.Location) knownvalue.Check {
	if l == nil {
		return knownvalue.Null()
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"country_code": knownvalue.StringExact(l.CountryCode),
		"country_name": knownvalue.StringExact(l.CountryName),
		"latitude":     knownvalue.NumberExact(decimalNumber(l.Latitude.String())),
		"longitude":    knownvalue.NumberExact(decimalNumber(l.Longitude.String())),
	})
}

// supplierFields are the attributes of a supplier (supplierAttrs).
func supplierFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	s := must(t, x.suppliers[id], "supplier", id)
	return map[string]knownvalue.Check{
		"id":                knownvalue.StringExact(s.ID),
		"short_description": stringOrNull(s.ShortDescription),
		"long_description":  stringOrNull(s.LongDescription),
		"organisation":      orgFields(t, x, s.OrganisationID),
		"location":          locationFields(s.Location),
	}
}

// projectFields are the attributes of a project (projectAttrs); the credit totals are summed from
// the seed's batches: issued = original batches (not split children), retired = retired batches.
func projectFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	p := must(t, x.projects[id], "project", id)
	var issued, issuedBuf, retired, retiredBuf int64
	for _, b := range x.seed.CreditBatches {
		if x.issuances[b.IssuanceID].ProjectID != id {
			continue
		}
		if b.ParentID == nil {
			issued += b.SizeKg
			if b.BufferPool {
				issuedBuf += b.SizeKg
			}
		}
		if b.Status == client.CreditBatchStatusRetired {
			retired += b.SizeKg
			if b.BufferPool {
				retiredBuf += b.SizeKg
			}
		}
	}
	return map[string]knownvalue.Check{
		"id":                                knownvalue.StringExact(p.ID),
		"name":                              knownvalue.StringExact(p.Name),
		"status":                            knownvalue.StringExact(string(p.Status)),
		"short_code":                        knownvalue.StringExact(p.ShortCode),
		"url":                               knownvalue.StringExact(p.URL),
		"process_key":                       knownvalue.StringExact(p.ProcessKey),
		"pathway":                           knownvalue.StringExact(string(p.Pathway)),
		"protocol_slug":                     knownvalue.StringExact(p.ProtocolSlug),
		"country_code":                      knownvalue.StringExact(p.CountryCode),
		"validator_name":                    stringOrNull(p.ValidatorName),
		"current_verifier_name":             stringOrNull(p.CurrentVerifierName),
		"crediting_period_start":            stringOrNull(p.CreditingPeriodStart),
		"crediting_period_end":              stringOrNull(p.CreditingPeriodEnd),
		"location":                          locationFields(p.Location),
		"supplier":                          knownvalue.ObjectExact(supplierFields(t, x, p.SupplierID)),
		"issued_credits_total":              quantityCheck(issued),
		"issued_buffer_pool_credits_total":  quantityCheck(issuedBuf),
		"retired_credits_total":             quantityCheck(retired),
		"retired_buffer_pool_credits_total": quantityCheck(retiredBuf),
	}
}

// issuanceFields are the attributes of an issuance (issuanceAttrs); totals of its original batches.
func issuanceFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	is := must(t, x.issuances[id], "issuance", id)
	var sup, buf int64
	for _, b := range x.seed.CreditBatches {
		if b.IssuanceID == id && b.ParentID == nil {
			if b.BufferPool {
				buf += b.SizeKg
			} else {
				sup += b.SizeKg
			}
		}
	}
	return map[string]knownvalue.Check{
		"id":                                  knownvalue.StringExact(is.ID),
		"issued_at":                           knownvalue.StringExact(registryTime(is.IssuedAt)),
		"project_id":                          knownvalue.StringExact(is.ProjectID),
		"reporting_period_start_at":           knownvalue.StringExact(is.ReportingPeriodStartAt),
		"reporting_period_end_at":             knownvalue.StringExact(is.ReportingPeriodEndAt),
		"supplier":                            knownvalue.ObjectExact(supplierFields(t, x, is.SupplierID)),
		"credit_batch_size_total":             quantityCheck(sup + buf),
		"supplier_credit_batch_size_total":    quantityCheck(sup),
		"buffer_pool_credit_batch_size_total": quantityCheck(buf),
	}
}

// creditBatchFields are the attributes of a credit batch (creditBatchAttrs).
func creditBatchFields(t *testing.T, x *seedIndex, id string) map[string]knownvalue.Check {
	b := must(t, x.batches[id], "credit batch", id)
	is := x.issuances[b.IssuanceID]
	var deliveredAt, retiredAt, beneficiary knownvalue.Check = knownvalue.Null(), knownvalue.Null(), knownvalue.Null()
	if b.DeliveryID != nil {
		deliveredAt = knownvalue.StringExact(registryTime(must(t, x.deliveries[*b.DeliveryID], "delivery", *b.DeliveryID).DeliveredAt))
	}
	if b.RetirementID != nil {
		r := must(t, x.retirements[*b.RetirementID], "retirement", *b.RetirementID)
		retiredAt, beneficiary = knownvalue.StringExact(registryTime(r.RetiredAt)), orgFields(t, x, r.BeneficiaryOrganisationID)
	}
	var removal knownvalue.Check = knownvalue.Null()
	if c := b.CarbonRemovalData; c != nil {
		removal = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"gross_carbon_removed_kg": knownvalue.Int64Exact(c.GrossCarbonRemovedKg),
			"net_carbon_removed_kg":   knownvalue.Int64Exact(c.NetCarbonRemovedKg),
			"emissions_kg":            knownvalue.Int64Exact(c.EmissionsKg),
			"counterfactuals_kg":      knownvalue.Int64Exact(c.CounterfactualsKg),
			"losses_kg":               knownvalue.Int64Exact(c.LossesKg),
		})
	}
	return map[string]knownvalue.Check{
		"id":                  knownvalue.StringExact(b.ID),
		"serial_number":       knownvalue.StringExact(b.SerialNumber),
		"status":              knownvalue.StringExact(string(b.Status)),
		"size":                quantityCheck(b.SizeKg),
		"issued_at":           knownvalue.StringExact(registryTime(is.IssuedAt)),
		"retired_at":          retiredAt,
		"delivered_at":        deliveredAt,
		"sequestered_on":      knownvalue.StringExact(b.SequesteredOn),
		"country_of_issue":    knownvalue.StringExact(b.CountryOfIssue),
		"supplier_id":         knownvalue.StringExact(is.SupplierID),
		"project_id":          knownvalue.StringExact(is.ProjectID),
		"issuance_id":         knownvalue.StringExact(b.IssuanceID),
		"removal_id":          knownvalue.StringExact(b.RemovalID),
		"delivery_id":         stringOrNull(b.DeliveryID),
		"retirement_id":       stringOrNull(b.RetirementID),
		"parent_id":           stringOrNull(b.ParentID),
		"left_child_id":       stringOrNull(b.LeftChildID),
		"right_child_id":      stringOrNull(b.RightChildID),
		"owner":               orgFields(t, x, b.OwnerOrganisationID),
		"beneficiary":         beneficiary,
		"ccp_approved":        knownvalue.Bool(b.CCPApproved),
		"carbon_removal_data": removal,
	}
}

// expectFields checks top-level attributes of a data source.
func expectFields(address string, fields map[string]knownvalue.Check) []statecheck.StateCheck {
	out := make([]statecheck.StateCheck, 0, len(fields))
	for name, c := range fields {
		out = append(out, statecheck.ExpectKnownValue(address, tfjsonpath.New(name), c))
	}
	return out
}

// objectsExact expects a list of exactly these objects, in order.
func objectsExact(objects ...map[string]knownvalue.Check) knownvalue.Check {
	elems := make([]knownvalue.Check, 0, len(objects))
	for _, o := range objects {
		elems = append(elems, knownvalue.ObjectExact(o))
	}
	return knownvalue.ListExact(elems)
}

// TestCatalogFlattenersMatchDescriptions flattens sample objects: a value that does not match its
// description panics (objectValue), so this guards every flattener of flatten_catalog.go.
func TestCatalogFlattenersMatchDescriptions(t *testing.T) {
	loc := &client.Location{CountryCode: "USA", CountryName: "United States", Latitude: "41.14", Longitude: "-104.82"}
	sup := client.Supplier{ID: localregistry.DemoSupplierAID, Organisation: client.Organisation{ID: localregistry.DemoSupplierAOrgID, Name: "A"}, Location: loc}
	p := projectValue(client.Project{ID: localregistry.DemoProjectA1ID, Supplier: sup, Location: loc, IssuedCreditsTotal: client.CreditQuantity{CreditKgs: 1500, Credits: "1.500"}})
	if got := p.Attributes()["issued_credits_total"].String(); got != `{"kg":1500,"tonnes":1.5}` {
		t.Errorf("issued_credits_total = %s", got)
	}
	if p.Attributes()["validator_name"].IsNull() != true {
		t.Errorf("validator_name of a project without one should be null")
	}
	projectDocumentValue(client.ProjectDocument{ID: localregistry.DemoDocumentID})
	issuanceValue(client.Issuance{ID: localregistry.DemoIssuanceA1ID, Supplier: sup})
	issuanceBatchesValues(client.IssuanceCreditBatches{SupplierCreditBatches: []client.CreditBatch{{ID: localregistry.DemoBatchA1Buyer1}}})
	bal := organisationCreditBalanceValues(client.OrganisationCreditBalance{
		Total:            client.CreditBalance{ActiveCreditsTotal: client.CreditQuantity{CreditKgs: 2500}},
		SupplierBalances: []client.SupplierCreditBalance{{SupplierID: localregistry.DemoSupplierAID}},
		ProjectBalances:  []client.ProjectCreditBalance{{ProjectID: localregistry.DemoProjectA1ID}},
		OrderBalances:    []client.OrderCreditBalance{{OrderID: localregistry.DemoOrderA1ID}},
	})
	// The registry's `credits` is missing here: tonnes are derived exactly from the kg.
	if got := bal["total"].String(); got != `{"active":{"kg":2500,"tonnes":2.5},"retired":{"kg":0,"tonnes":0}}` {
		t.Errorf("total = %s", got)
	}
	for _, name := range []string{"supplier_balances", "project_balances", "order_balances"} {
		if _, ok := bal[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
}

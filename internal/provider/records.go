package provider

// The registry's records as Terraform values: the shapes shared by several records (quantities,
// organisations, suppliers, locations, credit batches) and the value helpers every flattener
// uses. Records of one kind live in records_projects.go, records_balances.go and
// records_transactions.go.

import (
	"encoding/json"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// stringPtrValue maps a nullable API string to a Terraform string (null when absent).
func stringPtrValue(s *string) types.String {
	if s == nil {
		return types.StringNull()
	}
	return types.StringValue(*s)
}

// stringListValue maps a list of strings (or string-typed enums) to a Terraform list of strings.
func stringListValue[S ~string](items []S) types.List {
	elems := make([]attr.Value, 0, len(items))
	for _, it := range items {
		elems = append(elems, types.StringValue(string(it)))
	}
	return types.ListValueMust(types.StringType, elems)
}

// tonnesValue is the registry's `credits` figure as a Terraform number, without a float round
// trip; when the registry sends none (or garbage), it is derived exactly from the kilograms.
func tonnesValue(kg int64, credits json.Number) types.Number {
	if credits != "" {
		if f := decimalNumber(credits.String()); f != nil {
			return types.NumberValue(f)
		}
	}
	return types.NumberValue(tonnesFromKg(kg))
}

// Shared descriptions of registry objects.
var (
	quantityAttrs = []computedAttr{
		{Name: "kg", Type: types.Int64Type, Desc: "Quantity in kilograms of CO₂e (1 credit = 1 tonne = 1000 kg)."},
		{Name: "tonnes", Type: types.NumberType, Desc: "The same quantity in tonnes (credits), with up to 3 decimals, as the registry reports it."},
	}
	organisationAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Organisation ID (`org_…`)."},
		{Name: "name", Type: types.StringType, Desc: "Organisation name."},
		{Name: "domain", Type: types.StringType, Desc: "Organisation web domain; null when the registry has none (for example an individual beneficiary)."},
	}
	locationAttrs = []computedAttr{
		{Name: "country_code", Type: types.StringType, Desc: "ISO 3166-1 alpha-3 country code."},
		{Name: "country_name", Type: types.StringType, Desc: "Country name."},
		{Name: "latitude", Type: types.NumberType, Desc: "Latitude in degrees."},
		{Name: "longitude", Type: types.NumberType, Desc: "Longitude in degrees."},
		{Name: "description", Type: types.StringType, Desc: "The place in words, as the registry describes it (for example \"Rajasthan, India\"); null when it has none."},
	}
	supplierAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Supplier ID (`spl_…`)."},
		{Name: "short_description", Type: types.StringType, Desc: "Short description; null when not set."},
		{Name: "long_description", Type: types.StringType, Desc: "Long description; null when not set."},
		{Name: "organisation", Object: organisationAttrs, Desc: "The supplier's organisation."},
		{Name: "location", Object: locationAttrs, Desc: "The supplier's location; null when not set."},
	}
	carbonRemovalDataAttrs = []computedAttr{
		{Name: "gross_carbon_removed_kg", Type: types.Int64Type, Desc: "Gross CO₂e removed, in kg."},
		{Name: "net_carbon_removed_kg", Type: types.Int64Type, Desc: "Net CO₂e removed, in kg."},
		{Name: "emissions_kg", Type: types.Int64Type, Desc: "Emissions, in kg."},
		{Name: "counterfactuals_kg", Type: types.Int64Type, Desc: "Counterfactuals, in kg."},
		{Name: "losses_kg", Type: types.Int64Type, Desc: "Losses, in kg."},
	}
	// creditBatchSummaryAttrs is the part of a credit batch that never changes: what a
	// transaction resource records about each batch it involved.
	creditBatchSummaryAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Credit batch ID (`ctb_…`)."},
		{Name: "serial_number", Type: types.StringType, Desc: "Serial number; its last two numbers are the batch's kg range."},
		{Name: "project_id", Type: types.StringType, Desc: "Project the credits were issued for (`prj_…`)."},
		{Name: "issuance_id", Type: types.StringType, Desc: "Issuance the credits come from (`iss_…`)."},
		{Name: "kg", Type: types.Int64Type, Desc: "Size of the batch in kg (in tonnes: `provider::isometric::kg_to_tonnes(kg)`)."},
	}
	// creditBatchAttrs is a whole credit batch as the registry reports it.
	creditBatchAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Credit batch ID (`ctb_…`)."},
		{Name: "serial_number", Type: types.StringType, Desc: "Serial number; its last two numbers are the batch's kg range."},
		{Name: "status", Type: types.StringType, Desc: "`active`, `split` (replaced by its two children, unusable) or `retired`."},
		{Name: "size", Object: quantityAttrs, Desc: "Size of the batch."},
		{Name: "issued_at", Type: types.StringType, Desc: "When the credits were issued (RFC 3339)."},
		{Name: "retired_at", Type: types.StringType, Desc: "When the batch was retired (RFC 3339); null unless retired."},
		{Name: "delivered_at", Type: types.StringType, Desc: "When the batch was delivered (RFC 3339); null if never delivered."},
		{Name: "sequestered_on", Type: types.StringType, Desc: "Date the carbon was sequestered (YYYY-MM-DD)."},
		{Name: "country_of_issue", Type: types.StringType, Desc: "ISO 3166-1 alpha-3 country of issue."},
		{Name: "supplier_id", Type: types.StringType, Desc: "Supplier the credits were issued to (`spl_…`)."},
		{Name: "project_id", Type: types.StringType, Desc: "Project the credits were issued for (`prj_…`)."},
		{Name: "issuance_id", Type: types.StringType, Desc: "Issuance the credits come from (`iss_…`)."},
		{Name: "removal_id", Type: types.StringType, Desc: "Removal the credits represent."},
		{Name: "delivery_id", Type: types.StringType, Desc: "Delivery that brought the batch to its owner (`dlv_…`); null if none."},
		{Name: "retirement_id", Type: types.StringType, Desc: "Retirement the batch is part of (`ret_…`); null unless retired."},
		{Name: "parent_id", Type: types.StringType, Desc: "The batch this one was split from; null if not a split child."},
		{Name: "left_child_id", Type: types.StringType, Desc: "For a `split` batch: the child that took part in the splitting transaction."},
		{Name: "right_child_id", Type: types.StringType, Desc: "For a `split` batch: the child holding the remainder."},
		{Name: "owner", Object: organisationAttrs, Desc: "Organisation that owns the batch."},
		{Name: "beneficiary", Object: organisationAttrs, Desc: "Organisation the batch was retired on behalf of; null unless retired."},
		{Name: "ccp_approved", Type: types.BoolType, Desc: "Whether the batch was issued under an ICVCM Core Carbon Principles approved project."},
		{Name: "carbon_removal_data", Object: carbonRemovalDataAttrs, Desc: "Carbon removal data of the batch; null when the registry has none."},
	}
)

// quantityValue flattens a CreditQuantity into {kg, tonnes}.
func quantityValue(q client.CreditQuantity) types.Object {
	return objectValue(quantityAttrs, map[string]attr.Value{
		"kg":     types.Int64Value(q.CreditKgs),
		"tonnes": tonnesValue(q.CreditKgs, q.Credits),
	})
}

// organisationValue flattens an Organisation; nil gives a null object.
func organisationValue(o *client.Organisation) types.Object {
	if o == nil {
		return types.ObjectNull(attrTypes(organisationAttrs))
	}
	return objectValue(organisationAttrs, map[string]attr.Value{
		"id":     types.StringValue(o.ID),
		"name":   types.StringValue(o.Name),
		"domain": stringPtrValue(o.Domain),
	})
}

// locationValue flattens a Location; nil gives a null object.
func locationValue(l *client.Location) types.Object {
	if l == nil {
		return types.ObjectNull(attrTypes(locationAttrs))
	}
	return objectValue(locationAttrs, map[string]attr.Value{
		"country_code": types.StringValue(l.CountryCode),
		"country_name": types.StringValue(l.CountryName),
		"latitude":     numberValue(l.Latitude),
		"longitude":    numberValue(l.Longitude),
		"description":  stringPtrValue(l.Description),
	})
}

// numberValue maps a JSON number to a Terraform number exactly; an empty or malformed one is null.
func numberValue(n json.Number) types.Number {
	if f := decimalNumber(n.String()); f != nil {
		return types.NumberValue(f)
	}
	return types.NumberNull()
}

// supplierValue flattens a Supplier; nil gives a null object.
func supplierValue(s *client.Supplier) types.Object {
	if s == nil {
		return types.ObjectNull(attrTypes(supplierAttrs))
	}
	return objectValue(supplierAttrs, map[string]attr.Value{
		"id":                types.StringValue(s.ID),
		"short_description": stringPtrValue(s.ShortDescription),
		"long_description":  stringPtrValue(s.LongDescription),
		"organisation":      organisationValue(&s.Organisation),
		"location":          locationValue(s.Location),
	})
}

// carbonRemovalDataValue flattens CarbonRemovalData; nil gives a null object.
func carbonRemovalDataValue(c *client.CarbonRemovalData) types.Object {
	if c == nil {
		return types.ObjectNull(attrTypes(carbonRemovalDataAttrs))
	}
	return objectValue(carbonRemovalDataAttrs, map[string]attr.Value{
		"gross_carbon_removed_kg": types.Int64Value(c.GrossCarbonRemovedKg),
		"net_carbon_removed_kg":   types.Int64Value(c.NetCarbonRemovedKg),
		"emissions_kg":            types.Int64Value(c.EmissionsKg),
		"counterfactuals_kg":      types.Int64Value(c.CounterfactualsKg),
		"losses_kg":               types.Int64Value(c.LossesKg),
	})
}

// creditBatchSummaryValue flattens the immutable part of a credit batch.
func creditBatchSummaryValue(b client.CreditBatch) types.Object {
	return objectValue(creditBatchSummaryAttrs, map[string]attr.Value{
		"id":            types.StringValue(b.ID),
		"serial_number": types.StringValue(b.SerialNumber),
		"project_id":    types.StringValue(b.ProjectID),
		"issuance_id":   types.StringValue(b.IssuanceID),
		"kg":            types.Int64Value(b.Size.CreditKgs),
	})
}

// creditBatchValue flattens a whole credit batch.
func creditBatchValue(b client.CreditBatch) types.Object {
	return objectValue(creditBatchAttrs, map[string]attr.Value{
		"id":                  types.StringValue(b.ID),
		"serial_number":       types.StringValue(b.SerialNumber),
		"status":              types.StringValue(string(b.Status)),
		"size":                quantityValue(b.Size),
		"issued_at":           types.StringValue(b.IssuedAt),
		"retired_at":          stringPtrValue(b.RetiredAt),
		"delivered_at":        stringPtrValue(b.DeliveredAt),
		"sequestered_on":      types.StringValue(b.SequesteredOn),
		"country_of_issue":    types.StringValue(b.CountryOfIssue),
		"supplier_id":         types.StringValue(b.SupplierID),
		"project_id":          types.StringValue(b.ProjectID),
		"issuance_id":         types.StringValue(b.IssuanceID),
		"removal_id":          types.StringValue(b.RemovalID),
		"delivery_id":         stringPtrValue(b.DeliveryID),
		"retirement_id":       stringPtrValue(b.RetirementID),
		"parent_id":           stringPtrValue(b.ParentID),
		"left_child_id":       stringPtrValue(b.LeftChildID),
		"right_child_id":      stringPtrValue(b.RightChildID),
		"owner":               organisationValue(&b.Owner),
		"beneficiary":         organisationValue(b.Beneficiary),
		"ccp_approved":        types.BoolValue(b.CCPApproved),
		"carbon_removal_data": carbonRemovalDataValue(b.CarbonRemovalData),
	})
}

// creditBatchListValue flattens batches with one of the two batch descriptions.
func creditBatchListValue(attrs []computedAttr, flatten func(client.CreditBatch) types.Object, batches []client.CreditBatch) types.List {
	elems := make([]attr.Value, 0, len(batches))
	for _, b := range batches {
		elems = append(elems, flatten(b))
	}
	return listValue(attrs, elems)
}

// deref returns *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// batchVintage is the vintage of a batch: the year of its sequestered_on (0 when unreadable).
func batchVintage(b client.CreditBatch) int64 {
	if len(b.SequesteredOn) < 4 {
		return 0
	}
	y, err := strconv.ParseInt(b.SequesteredOn[:4], 10, 64)
	if err != nil {
		return 0
	}
	return y
}

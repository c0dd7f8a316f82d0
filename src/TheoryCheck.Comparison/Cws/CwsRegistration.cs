// The cws model in the catalogue (see ModelBindingAttribute).
[assembly: TheoryCheck.Comparison.Catalog.ModelBinding(typeof(TheoryCheck.Comparison.Cws.CwsBinding))]

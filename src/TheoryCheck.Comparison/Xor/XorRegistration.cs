// The xor model in the catalogue (see ModelBindingAttribute).
[assembly: TheoryCheck.Comparison.Catalog.ModelBinding(typeof(TheoryCheck.Comparison.Xor.XorBinding))]

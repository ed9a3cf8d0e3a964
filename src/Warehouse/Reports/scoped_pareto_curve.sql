-- OData's ParetoCurve for a region-limited reader: the 80/20 curve of the visible companies (marts.pareto_curve's rule).
with {{scoped_tiers}}, {{scoped_curve}}
select * from scoped_curve

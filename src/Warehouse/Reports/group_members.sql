-- OData's GroupMembers: the companies of the groups of companies, with their scores; the set's access predicate
-- narrows it to the reader's companies.
with {{group_member_scores}}
select * from group_member_scores

-- Record each expectation this run checked.
INSERT INTO validation_result
SELECT r.run_id, v.suite_name, v.expectation_type, v.column_name, v.blocking, v.success,
       v.element_count, v.unexpected_count, r.loaded_at
FROM stg_validation AS v CROSS JOIN stg_run AS r;

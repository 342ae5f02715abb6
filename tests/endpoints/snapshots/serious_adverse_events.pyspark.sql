SELECT
  `t0`.`patient_id`,
  BOOL_OR(
    (
      `t0`.`ctcae_grade` >= 3
    )
    AND `t0`.`attributed_to` IN ('msc_infusion', 'donor_cells', 'graft')
  ) AS `serious_adverse_event_attributed`
FROM `adverse_events` AS `t0`
GROUP BY
  1

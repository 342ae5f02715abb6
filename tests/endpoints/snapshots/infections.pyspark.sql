SELECT
  `t1`.`patient_id`,
  CAST(MIN(`t1`.`day`) AS BIGINT) AS `infection_event_day`,
  SUM(IF(`t1`.`day` <= 100, 1, 0)) AS `infections_by_day100`,
  CAST(MIN(IF(`t1`.`kind` = 'bacterial', `t1`.`day`, NULL)) AS BIGINT) AS `infection_bacterial_event_day`,
  SUM(IF((
    `t1`.`day` <= 100
  ) AND (
    `t1`.`kind` = 'bacterial'
  ), 1, 0)) AS `infections_by_day100_bacterial`,
  CAST(MIN(IF(`t1`.`kind` = 'viral', `t1`.`day`, NULL)) AS BIGINT) AS `infection_viral_event_day`,
  SUM(IF((
    `t1`.`day` <= 100
  ) AND (
    `t1`.`kind` = 'viral'
  ), 1, 0)) AS `infections_by_day100_viral`,
  CAST(MIN(IF(`t1`.`kind` = 'fungal', `t1`.`day`, NULL)) AS BIGINT) AS `infection_fungal_event_day`,
  SUM(IF((
    `t1`.`day` <= 100
  ) AND (
    `t1`.`kind` = 'fungal'
  ), 1, 0)) AS `infections_by_day100_fungal`,
  CAST(MIN(IF(`t1`.`kind` = 'other', `t1`.`day`, NULL)) AS BIGINT) AS `infection_other_event_day`,
  SUM(IF((
    `t1`.`day` <= 100
  ) AND (
    `t1`.`kind` = 'other'
  ), 1, 0)) AS `infections_by_day100_other`
FROM (
  SELECT
    *
  FROM `infections` AS `t0`
  WHERE
    `t0`.`day` >= 0
) AS `t1`
GROUP BY
  1

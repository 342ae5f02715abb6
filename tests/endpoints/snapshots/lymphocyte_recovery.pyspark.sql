SELECT
  `t4`.`patient_id`,
  CAST(MIN(IF(`t4`.`run_start`, `t4`.`day`, NULL)) AS BIGINT) AS `event_day`
FROM (
  SELECT
    `t3`.`patient_id`,
    `t3`.`day`,
    `t3`.`value`,
    `t3`.`meets`,
    `t3`.`meets` AND TRUE AS `run_start`,
    SUM(IF(`t3`.`meets`, 0, 1)) OVER (
      PARTITION BY `t3`.`patient_id`
      ORDER BY `t3`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `failed_before`
  FROM (
    SELECT
      `t2`.`patient_id`,
      `t2`.`day`,
      `t2`.`value`,
      `t2`.`value` >= 0.5 AS `meets`
    FROM (
      SELECT
        `t1`.`patient_id`,
        `t1`.`day`,
        MIN(IF(`t1`.`qualifier` = '<', 0.0, `t1`.`value`)) AS `value`
      FROM (
        SELECT
          *
        FROM `labs` AS `t0`
        WHERE
          `t0`.`analyte` = 'alc' AND `t0`.`day` >= 1
      ) AS `t1`
      GROUP BY
        1,
        2
    ) AS `t2`
  ) AS `t3`
) AS `t4`
GROUP BY
  1

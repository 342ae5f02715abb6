SELECT
  `t6`.`patient_id`,
  CAST(MIN(IF(`t6`.`run_start` AND `t6`.`failed_before`, `t6`.`day`, NULL)) AS BIGINT) AS `day`,
  BOOL_OR(NOT (
    `t6`.`meets`
  )) AS `applicable`
FROM (
  SELECT
    `t5`.`patient_id`,
    `t5`.`day`,
    `t5`.`value`,
    `t5`.`meets`,
    `t5`.`meets`
    AND COALESCE(
      LEAD(`t5`.`meets`, 1) OVER (PARTITION BY `t5`.`patient_id` ORDER BY `t5`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t5`.`meets`, 2) OVER (PARTITION BY `t5`.`patient_id` ORDER BY `t5`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t5`.`day`, 1) OVER (PARTITION BY `t5`.`patient_id` ORDER BY `t5`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t5`.`day`, 2) OVER (PARTITION BY `t5`.`patient_id` ORDER BY `t5`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `run_start`,
    SUM(IF(`t5`.`meets`, 0, 1)) OVER (
      PARTITION BY `t5`.`patient_id`
      ORDER BY `t5`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `failed_before`
  FROM (
    SELECT
      `t4`.`patient_id`,
      `t4`.`day`,
      `t4`.`value`,
      `t4`.`value` >= 0.5 AS `meets`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t2`.`patient_id`,
          `t2`.`day`,
          COALESCE(
            `t2`.`anc`,
            (
              `t2`.`wbc` * (
                `t2`.`seg` + COALESCE(`t2`.`bands`, 0.0)
              )
            ) / 100.0
          ) AS `value`
        FROM (
          SELECT
            `t1`.`patient_id`,
            `t1`.`day`,
            MIN(IF(`t1`.`analyte` = 'anc', IF(`t1`.`qualifier` = '<', 0.0, `t1`.`value`), NULL)) AS `anc`,
            MIN(IF(`t1`.`analyte` = 'wbc', IF(`t1`.`qualifier` = '<', 0.0, `t1`.`value`), NULL)) AS `wbc`,
            MIN(
              IF(`t1`.`analyte` = 'neut_pct', IF(`t1`.`qualifier` = '<', 0.0, `t1`.`value`), NULL)
            ) AS `seg`,
            MAX(
              IF(`t1`.`analyte` = 'bands_pct', IF(`t1`.`qualifier` = '<', 0.0, `t1`.`value`), NULL)
            ) AS `bands`
          FROM (
            SELECT
              *
            FROM `labs` AS `t0`
            WHERE
              `t0`.`analyte` IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND `t0`.`day` >= 0
          ) AS `t1`
          GROUP BY
            1,
            2
        ) AS `t2`
      ) AS `t3`
      WHERE
        `t3`.`value` IS NOT NULL AND NOT ISNAN(`t3`.`value`)
    ) AS `t4`
  ) AS `t5`
) AS `t6`
GROUP BY
  1

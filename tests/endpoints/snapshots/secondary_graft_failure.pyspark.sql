WITH `t3` AS (
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
)
SELECT
  `t14`.`patient_id`,
  CAST(MIN(IF(`t14`.`run_start`, `t14`.`day`, NULL)) AS BIGINT) AS `loss_day`
FROM (
  SELECT
    `t13`.`patient_id`,
    `t13`.`day`,
    `t13`.`value`,
    `t13`.`meets`,
    `t13`.`meets`
    AND COALESCE(
      LEAD(`t13`.`meets`, 1) OVER (PARTITION BY `t13`.`patient_id` ORDER BY `t13`.`day` ASC NULLS LAST),
      FALSE
    )
    AND COALESCE(
      LEAD(`t13`.`meets`, 2) OVER (PARTITION BY `t13`.`patient_id` ORDER BY `t13`.`day` ASC NULLS LAST),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD(`t13`.`day`, 1) OVER (PARTITION BY `t13`.`patient_id` ORDER BY `t13`.`day` ASC NULLS LAST) IS NOT NULL
      )
      AND (
        LEAD(`t13`.`day`, 2) OVER (PARTITION BY `t13`.`patient_id` ORDER BY `t13`.`day` ASC NULLS LAST) IS NOT NULL
      )
    ) AS `run_start`,
    SUM(IF(`t13`.`meets`, 0, 1)) OVER (
      PARTITION BY `t13`.`patient_id`
      ORDER BY `t13`.`day` ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS `failed_before`
  FROM (
    SELECT
      `t12`.`patient_id`,
      `t12`.`day`,
      `t12`.`value`,
      `t12`.`value` < 0.5 AS `meets`
    FROM (
      SELECT
        `t7`.`patient_id`,
        `t7`.`day`,
        `t7`.`value`,
        `t11`.`engraftment_day`
      FROM (
        SELECT
          *
        FROM `t3` AS `t4`
        WHERE
          `t4`.`value` IS NOT NULL AND NOT ISNAN(`t4`.`value`)
      ) AS `t7`
      INNER JOIN (
        SELECT
          `t9`.`patient_id`,
          `t9`.`day` AS `engraftment_day`
        FROM (
          SELECT
            `t8`.`patient_id`,
            CAST(MIN(IF(`t8`.`run_start` AND `t8`.`failed_before`, `t8`.`day`, NULL)) AS BIGINT) AS `day`,
            BOOL_OR(NOT (
              `t8`.`meets`
            )) AS `applicable`
          FROM (
            SELECT
              `t6`.`patient_id`,
              `t6`.`day`,
              `t6`.`value`,
              `t6`.`meets`,
              `t6`.`meets`
              AND COALESCE(
                LEAD(`t6`.`meets`, 1) OVER (PARTITION BY `t6`.`patient_id` ORDER BY `t6`.`day` ASC NULLS LAST),
                FALSE
              )
              AND COALESCE(
                LEAD(`t6`.`meets`, 2) OVER (PARTITION BY `t6`.`patient_id` ORDER BY `t6`.`day` ASC NULLS LAST),
                FALSE
              )
              AND (
                TRUE
                AND (
                  LEAD(`t6`.`day`, 1) OVER (PARTITION BY `t6`.`patient_id` ORDER BY `t6`.`day` ASC NULLS LAST) IS NOT NULL
                )
                AND (
                  LEAD(`t6`.`day`, 2) OVER (PARTITION BY `t6`.`patient_id` ORDER BY `t6`.`day` ASC NULLS LAST) IS NOT NULL
                )
              ) AS `run_start`,
              SUM(IF(`t6`.`meets`, 0, 1)) OVER (
                PARTITION BY `t6`.`patient_id`
                ORDER BY `t6`.`day` ASC NULLS LAST
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
              ) > 0 AS `failed_before`
            FROM (
              SELECT
                `t4`.`patient_id`,
                `t4`.`day`,
                `t4`.`value`,
                `t4`.`value` >= 0.5 AS `meets`
              FROM `t3` AS `t4`
              WHERE
                `t4`.`value` IS NOT NULL AND NOT ISNAN(`t4`.`value`)
            ) AS `t6`
          ) AS `t8`
          GROUP BY
            1
        ) AS `t9`
        WHERE
          `t9`.`day` IS NOT NULL
      ) AS `t11`
        ON `t7`.`patient_id` = `t11`.`patient_id`
    ) AS `t12`
    WHERE
      `t12`.`day` > `t12`.`engraftment_day`
  ) AS `t13`
) AS `t14`
GROUP BY
  1
